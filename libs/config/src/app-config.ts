import { z } from 'zod';
import { readPreviousLinkSecrets } from './link-secrets';

/**
 * Every setting Retrowalk reads, checked once at start. Nothing else in the code base reads
 * `process.env`: services receive this object through dependency injection.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  workerPort: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every BullMQ key; wrapped in braces so Redis Cluster keeps a queue on one slot. */
  redisPrefix: string;
  publicBaseUrl: string;
  mailFrom: string;
  smtpUrl: string | null;
  mailDir: string;
  linkSecret: string;
  /** Secrets links were signed with before `linkSecret`: still accepted, never used to sign. */
  linkSecretPrevious: readonly string[];
  testClock: boolean;
  logLevel: LogLevel;
  migrateOnStart: boolean;
  dispatchIntervalMs: number;
  dispatchBatchSize: number;
  /** How long a claimed message may stay unsent before another dispatcher takes it over. */
  dispatchLeaseMs: number;
  sendConcurrency: number;
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// A development-only secret so `npm start` works out of the box; production refuses it.
const DEVELOPMENT_LINK_SECRET = 'development-only-link-secret-change-me-please';

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: integer(0, 65535).default(3000),
  WORKER_PORT: integer(0, 65535).default(3001),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/retrowalk'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'must be 1-40 letters, digits, _ or -')
    .default('retrowalk'),
  PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address such as "Retrowalk <coach@example.com>"')
    .default('Retrowalk <coach@retrowalk.localhost>'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_DIR: z.string().min(1).default('var/mail'),
  LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Checked by readPreviousLinkSecrets, whose messages never repeat a secret (this one cannot fail).
  LINK_SECRET_PREVIOUS: z.string().optional(),
  TEST_CLOCK: z.enum(['enabled', 'disabled']).default('disabled'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  DISPATCH_INTERVAL_MS: integer(50, 3_600_000).default(1000),
  DISPATCH_BATCH_SIZE: integer(1, 10_000).default(1000),
  DISPATCH_LEASE_MS: integer(1000, 86_400_000).default(300_000),
  SEND_CONCURRENCY: integer(1, 500).default(20),
});

type RawEnv = Record<string, string | undefined>;

export function loadConfig(env: RawEnv): AppConfig {
  // Treat empty strings as unset: `FOO= npm start` should mean "use the default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const shown = name in cleaned ? ` (got "${cleaned[name]}")` : '';
        return `${name}${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && e.TEST_CLOCK === 'enabled') {
    problems.push('TEST_CLOCK: the test clock cannot be enabled when NODE_ENV=production');
  }
  if (e.NODE_ENV === 'production' && !e.LINK_SECRET) {
    problems.push('LINK_SECRET: required when NODE_ENV=production (at least 32 random characters)');
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_BASE_URL) {
    problems.push('PUBLIC_BASE_URL: required when NODE_ENV=production (the https address of the api)');
  }
  const previousLinkSecrets = readPreviousLinkSecrets(e.LINK_SECRET_PREVIOUS);
  problems.push(...previousLinkSecrets.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    workerPort: e.WORKER_PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mailFrom: e.MAIL_FROM,
    smtpUrl: e.SMTP_URL ?? null,
    mailDir: e.MAIL_DIR,
    linkSecret: e.LINK_SECRET ?? DEVELOPMENT_LINK_SECRET,
    linkSecretPrevious: previousLinkSecrets.secrets,
    testClock: e.TEST_CLOCK === 'enabled',
    logLevel: e.LOG_LEVEL,
    migrateOnStart: e.MIGRATE_ON_START === 'true',
    dispatchIntervalMs: e.DISPATCH_INTERVAL_MS,
    dispatchBatchSize: e.DISPATCH_BATCH_SIZE,
    dispatchLeaseMs: e.DISPATCH_LEASE_MS,
    sendConcurrency: e.SEND_CONCURRENCY,
  };
}

/** Reads the process environment: the one place that does. */
export function loadConfigFromEnvironment(overrides: Partial<RawEnv> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}
