import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { classifySmtpFailure, type SmtpFailure, type SmtpVerdict } from '@retrowalk/domain';
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
}

/** The only class that talks to nodemailer. SMTP when SMTP_URL is set, otherwise .eml files on disk. */
@Injectable()
export class EmailRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailRepository.name);
  private readonly transport: Transporter;
  private readonly toDisk: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.toDisk = config.smtpUrl === null;
    const t = config.smtpTimeouts;
    // Every wait bounded: nodemailer's own defaults would let a silent server hold a send 10 minutes.
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          connectionTimeout: t.connectionMs,
          greetingTimeout: t.greetingMs,
          socketTimeout: t.socketMs,
          dnsTimeout: t.connectionMs,
        })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(email: OutgoingEmail): Promise<void> {
    let info: { message?: unknown };
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
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
