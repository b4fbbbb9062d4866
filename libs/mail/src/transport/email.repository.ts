import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { classifySmtpFailure, type SmtpFailure, smtpQueueIdOf, type SmtpVerdict } from '@retrowalk/domain';
import { createTransport, type Transporter } from 'nodemailer';

/**
 * A sender whose display name comes from an organisation: nodemailer quotes or encodes the name
 * itself (escaping backslashes and quotes, RFC 2047 for non-ASCII), so no name can change the
 * address. A hand-built `"name" <address>` string is parsed instead, and a name ending in a
 * backslash swallowed the closing quote.
 */
export interface NamedAddress {
  name: string;
  address: string;
}

export interface OutgoingEmail {
  to: string;
  /** An operator's MAIL_FROM as written, or a name and address to be formatted by nodemailer. */
  from: string | NamedAddress;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** From the application clock, so a simulated week carries simulated dates. */
  date: Date;
  /** Stable per scheduled row, so a receiver can recognise a resend as the same message. */
  messageId: string;
  headers: Record<string, string>;
  /** Inline images, referenced from the HTML as cid:<cid>. */
  attachments?: { filename: string; content: Buffer; cid: string; contentType: string }[];
  /** Short machine name used in file names when mail is written to disk. */
  kind: string;
  /**
   * The envelope sender (SMTP MAIL FROM, which becomes Return-Path): the message's own VERP address,
   * so a bounce names its message whatever the receiving server keeps of the headers.
   */
  returnPath?: string;
}

/** What the SMTP server answered when it took a message. */
export interface AcceptedEmail {
  /** The reply to the message, e.g. "250 2.0.0 Ok: queued as 4F1B2C3D4E". */
  reply: string | null;
  /** The id the server gave the message in that reply, when it gave one. */
  queueId: string | null;
}

/**
 * A delivery failure with what the server said, told apart as worth retrying (4xx, timeouts, lost
 * connections, trouble with our own setup) or a bounce (the recipient's address was refused).
 */
export class MailDeliveryError extends Error {
  readonly verdict: SmtpVerdict;

  constructor(
    message: string,
    readonly failure: SmtpFailure,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
    this.verdict = classifySmtpFailure(failure);
  }

  /** The server's own words (e.g. "550 5.1.1 <sam@example.com>: no such user"), else the error's. */
  get reply(): string {
    return this.failure.response ?? this.message;
  }
}

/**
 * The only class that talks to nodemailer. SMTP when SMTP_URL is set, otherwise .eml files on disk.
 * SMTP connections are pooled (SMTP_POOL_SIZE per process): a connection that dies is replaced, and
 * the message it was carrying fails with a transient error (or is put back once on a fresh
 * connection by the pool), never reported as sent, so the sender's fencing and retry rules apply.
 */
@Injectable()
export class EmailRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailRepository.name);
  private readonly transport: Transporter;
  private readonly toDisk: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.toDisk = config.smtpUrl === null;
    const t = config.smtpTimeouts;
    const { smtpPool, dkim } = config.deliverability;
    // Every wait bounded: nodemailer's own defaults would let a silent server hold a send 10 minutes.
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          pool: true,
          maxConnections: smtpPool.size,
          maxMessages: smtpPool.maxMessages,
          // A connection that closes mid-message (a server restart, an idle close racing a send) puts
          // the message back once for a fresh connection; beyond that the sender's retries take over.
          maxRequeues: 1,
          connectionTimeout: t.connectionMs,
          greetingTimeout: t.greetingMs,
          socketTimeout: t.socketMs,
          dnsTimeout: t.connectionMs,
          ...(dkim ? { dkim } : {}),
        })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix', ...(dkim ? { dkim } : {}) });
  }

  async send(email: OutgoingEmail): Promise<AcceptedEmail> {
    let info: { message?: unknown; response?: unknown };
    try {
      info = await this.transport.sendMail({
        to: email.to,
        from: email.from,
        replyTo: email.replyTo,
        subject: email.subject,
        text: email.text,
        html: email.html,
        date: email.date,
        messageId: email.messageId,
        headers: email.headers,
        attachments: email.attachments,
        ...(email.returnPath ? { envelope: { from: email.returnPath, to: email.to } } : {}),
      });
    } catch (error) {
      const e = error as { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown };
      const message = error instanceof Error ? error.message : String(error);
      throw new MailDeliveryError(`SMTP delivery failed: ${message}`, {
        code: typeof e.code === 'string' ? e.code : undefined,
        command: typeof e.command === 'string' ? e.command : undefined,
        responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
        response: typeof e.response === 'string' ? e.response : undefined,
      });
    }
    if (this.toDisk && Buffer.isBuffer(info.message)) {
      const dir = resolve(this.config.mailDir);
      await mkdir(dir, { recursive: true });
      const stamp = email.date.toISOString().replace(/[:.]/g, '-');
      const id = /^<?([^@>]+)/.exec(email.messageId)?.[1] ?? 'message';
      const file = join(dir, `${stamp}-${email.kind}-${id}.eml`);
      await writeFile(file, info.message);
      this.logger.log(`Wrote ${email.kind} email to ${file} (set SMTP_URL to send real mail)`);
    }
    const reply = typeof info.response === 'string' ? info.response.slice(0, 500) : null;
    return { reply, queueId: smtpQueueIdOf(reply) };
  }

  /**
   * Shutdown comes after the workers' grace period: a send still on a connection by then has been
   * handed back to the schedule, so the pool is closed at once, busy connections too (`force`),
   * rather than waiting up to a socket timeout for a server that may never answer.
   */
  onApplicationShutdown(): void {
    this.transport.close({ force: true });
  }
}
