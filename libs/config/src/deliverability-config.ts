import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Sending and the delivery events webhooks: pool, rate, DKIM, VERP and the providers' secrets. */
export interface DeliverabilityConfig {
  /** SMTP connections each worker keeps open (nodemailer's pool), and messages per connection. */
  smtpPool: { size: number; maxMessages: number };
  /** Sends per second across every worker (BullMQ's limiter, kept in Redis); null: no limit. */
  sendRatePerSecond: number | null;
  /** DKIM signing at the source, for operators relaying through their own MTA; null: not signed. */
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  /** The VERP return path's domain: every message's envelope sender is `bounces+<id>@<this>`. */
  bounceDomain: string;
  events: {
    /** HMAC key of the generic format and of the DSN route (`X-Retrowalk-Signature`). */
    secret: string | null;
    /** SNS topics whose SES notifications are taken; any other topic is refused. */
    sesTopicArns: string[];
    /** HTTP Basic credentials Postmark sends (set in its webhook URL). */
    postmark: { user: string; password: string } | null;
    /** SendGrid's signed event webhook verification key (base64 DER, ECDSA P-256). */
    sendGridPublicKey: string | null;
  };
}

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export const deliverabilitySchema = {
  SMTP_POOL_SIZE: whole(1, 100).default(5),
  SMTP_POOL_MAX_MESSAGES: whole(1, 1_000_000).default(1000),
  SEND_RATE_PER_SECOND: whole(1, 100_000).optional(),
  DKIM_DOMAIN: z.string().regex(HOSTNAME, 'must be a domain name such as example.com').optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62})$/i, 'must be a DNS label such as "retrowalk2027"')
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  BOUNCE_DOMAIN: z.string().regex(HOSTNAME, 'must be a domain name such as bounces.example.com').optional(),
  EMAIL_EVENTS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SES_SNS_TOPIC_ARNS: z
    .string()
    .regex(
      /^\s*arn:aws(-[a-z]+)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}\s*(,\s*arn:aws(-[a-z]+)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}\s*)*$/,
      'must be SNS topic ARNs separated by commas (arn:aws:sns:<region>:<account>:<topic>)',
    )
    .optional(),
  POSTMARK_WEBHOOK_USER: z
    .string()
    .regex(/^[^:\s]{1,100}$/, 'must be 1-100 characters without ":"')
    .default('postmark'),
  POSTMARK_WEBHOOK_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().optional(),
};

type Parsed = z.output<z.ZodObject<typeof deliverabilitySchema>>;

/**
 * The deliverability settings, cross-checked. Problems are added to `problems`; a key's value is
 * never repeated in one (it would end up in a log).
 */
export function deliverabilityConfigOf(
  e: Parsed,
  mailFrom: string,
  problems: string[],
): DeliverabilityConfig {
  const fromDomain = /@([^\s@<>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'retrowalk.localhost';
  return {
    smtpPool: { size: e.SMTP_POOL_SIZE, maxMessages: e.SMTP_POOL_MAX_MESSAGES },
    sendRatePerSecond: e.SEND_RATE_PER_SECOND ?? null,
    dkim: dkimOf(e, problems),
    bounceDomain: e.BOUNCE_DOMAIN ?? fromDomain,
    events: {
      secret: e.EMAIL_EVENTS_SECRET ?? null,
      sesTopicArns: (e.SES_SNS_TOPIC_ARNS ?? '')
        .split(',')
        .map((arn) => arn.trim())
        .filter((arn) => arn !== ''),
      postmark: e.POSTMARK_WEBHOOK_PASSWORD
        ? { user: e.POSTMARK_WEBHOOK_USER, password: e.POSTMARK_WEBHOOK_PASSWORD }
        : null,
      sendGridPublicKey: sendGridKeyOf(e.SENDGRID_WEBHOOK_PUBLIC_KEY, problems),
    },
  };
}

function dkimOf(e: Parsed, problems: string[]): DeliverabilityConfig['dkim'] {
  const given = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY ?? e.DKIM_PRIVATE_KEY_FILE];
  if (given.every((v) => v === undefined)) return null;
  if (e.DKIM_PRIVATE_KEY !== undefined && e.DKIM_PRIVATE_KEY_FILE !== undefined) {
    problems.push('DKIM_PRIVATE_KEY_FILE: set either DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both');
    return null;
  }
  const missing = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY'].filter(
    (_, i) => given[i] === undefined,
  );
  if (missing.length > 0) {
    problems.push(
      `${missing[0]}: DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or _FILE)`,
    );
    return null;
  }
  let pem: string;
  if (e.DKIM_PRIVATE_KEY_FILE !== undefined) {
    try {
      pem = readFileSync(e.DKIM_PRIVATE_KEY_FILE, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      problems.push(`DKIM_PRIVATE_KEY_FILE: cannot read ${e.DKIM_PRIVATE_KEY_FILE} (${code})`);
      return null;
    }
  } else {
    // One line in an environment file: "\n" stands for the PEM's line breaks.
    pem = e.DKIM_PRIVATE_KEY!.replace(/\\n/g, '\n');
  }
  const variable = e.DKIM_PRIVATE_KEY_FILE !== undefined ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY';
  try {
    const key = createPrivateKey(pem);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType === 'rsa' && bits < 1024) {
      problems.push(`${variable}: the RSA key has ${bits} bits; DKIM needs at least 1024 (2048 recommended)`);
      return null;
    }
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') {
      problems.push(`${variable}: must be an RSA or Ed25519 private key (the key is not shown)`);
      return null;
    }
  } catch {
    problems.push(`${variable}: is not a PEM private key (the key is not shown)`);
    return null;
  }
  return { domainName: e.DKIM_DOMAIN!, keySelector: e.DKIM_SELECTOR!, privateKey: pem };
}

function sendGridKeyOf(value: string | undefined, problems: string[]): string | null {
  if (value === undefined) return null;
  const base64 = value.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') throw new Error('not EC');
    return base64;
  } catch {
    problems.push('SENDGRID_WEBHOOK_PUBLIC_KEY: must be the verification key SendGrid shows (base64, ECDSA)');
    return null;
  }
}
