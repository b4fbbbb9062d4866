import { type Socket } from 'node:net';
import { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedEmail {
  to: string;
  kind: string;
  subject: string;
  date: Date;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** A header exactly as sent (mailparser restructures some, such as List-*). */
  header(name: string): string | undefined;
  messageId: string;
  /** When the listener accepted it (wall clock), for telling copies apart from the first one. */
  receivedAt: number;
  /** The envelope sender (MAIL FROM), which a receiving server writes as Return-Path. */
  returnPath: string;
  /** The id the listener gave it in its 250 reply ("Ok: queued as <id>"). */
  queueId: string;
  raw: ParsedMail;
}

/** An SMTP reply that refuses, e.g. `{ code: 550, message: '5.1.1 No such user' }`. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/**
 * What the listener does with a message once its body has arrived: accept it, refuse it, never
 * answer (a hung server), or drop the connection. `delayMs` answers late (messages in flight).
 */
export type DataVerdict = 'accept' | 'hang' | 'drop' | SmtpRefusal | { delayMs: number };

/** A test's script for the listener; every hook is optional and may change at any time. */
export interface SmtpBehaviour {
  /** Refuse a recipient at RCPT TO, or null to take it. */
  rcpt?: (address: string) => SmtpRefusal | null;
  /** Decide each message after DATA. */
  data?: (to: string) => DataVerdict;
}

/** A real SMTP listener on a free local port that keeps what it receives, for tests and the demo. */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  /** Connections opened so far (a pooled sender opens far fewer than it sends messages). */
  connections = 0;
  /** Messages whose body arrived, whatever the listener then answered. */
  dataAttempts = 0;
  behaviour: SmtpBehaviour = {};
  /** Every RCPT TO the listener was asked (refused or not). */
  readonly recipientsAsked: string[] = [];
  private queued = 0;
  private server!: SMTPServer;
  private waiters: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        this.recipientsAsked.push(address.address);
        const refusal = this.behaviour.rcpt?.(address.address) ?? null;
        callback(refusal ? refusalError(refusal) : null);
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        simpleParser(stream)
          .then(async (mail) => {
            this.dataAttempts++;
            const verdict = this.behaviour.data?.(to) ?? 'accept';
            if (verdict === 'hang') return; // never answer: the sender's socket timeout must end it
            if (verdict === 'drop') {
              this.socketOf(session)?.destroy();
              return;
            }
            if (typeof verdict === 'object' && 'code' in verdict) {
              callback(refusalError(verdict));
              return;
            }
            if (typeof verdict === 'object') await new Promise((r) => setTimeout(r, verdict.delayMs));
            const queueId = `SINK${(++this.queued).toString(16).toUpperCase().padStart(8, '0')}`;
            this.keep(mail, to, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', queueId);
            // The reply Postfix gives, so a sender can record the server's id for the message.
            (callback as (error: Error | null, message?: string) => void)(null, `Ok: queued as ${queueId}`);
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  for(to: string, kind?: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to === to && (kind === undefined || m.kind === kind));
  }

  /** How many copies of each Message-ID arrived. */
  copiesByMessageId(): Map<string, number> {
    const copies = new Map<string, number>();
    for (const m of this.received) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    return copies;
  }

  /** Resolves when `predicate` holds, failing after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`Timed out waiting for mail; received ${this.received.length} message(s)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private keep(mail: ParsedMail, to: string, returnPath: string, queueId: string): void {
    this.received.push({
      to,
      kind: headerText(mail.headers.get('x-retrowalk-message')),
      subject: mail.subject ?? '',
      date: mail.date ?? new Date(0),
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : '',
      headers: mail.headers,
      header: (name) =>
        mail.headerLines
          .find((h) => h.key === name.toLowerCase())
          ?.line.replace(/^[^:]+:\s*/, '')
          .replace(/\r?\n\s+/g, ' '),
      messageId: mail.messageId ?? '',
      receivedAt: Date.now(),
      returnPath,
      queueId,
      raw: mail,
    });
    this.waiters.splice(0).forEach((wake) => wake());
  }

  private socketOf(session: SMTPServerSession): Socket | undefined {
    return [...this.sockets].find(
      (s) => s.remotePort === session.remotePort && s.remoteAddress === session.remoteAddress,
    );
  }
}

function refusalError({ code, message }: SmtpRefusal): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
