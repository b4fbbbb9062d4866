import { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

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
  raw: ParsedMail;
}

/** A real SMTP listener on a free local port that keeps what it receives, for tests and the demo. */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private server!: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address).join(',');
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
              raw: mail,
            });
            this.waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  for(to: string, kind?: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to === to && (kind === undefined || m.kind === kind));
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
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
