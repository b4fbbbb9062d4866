import { z } from 'zod';
import { shownSetting } from './shown-setting';
import { readPreviousLinkSecrets } from './link-secrets';
import {
  type DeliverabilityConfig,
  deliverabilityConfigOf,
  deliverabilitySchema,
} from './deliverability-config';
import { type OperationsConfig, operationsConfigOf, operationsSchema } from './operations-config';
import { type TracingConfig, tracingConfigOf, tracingSchema } from './tracing-config';
import { type LimitsConfig, limitsConfigOf, limitsSchema } from './limits-config';

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
  /**
   * How long a claim holds without being renewed: a sender renews it while it works, so only a dead
   * process lets it run out, and then another dispatcher takes the message over.
   */
  dispatchLeaseMs: number;
  sendConcurrency: number;
  /** BullMQ tries per claim, the first retry after `sendRetryDelayMs` (real time), doubling. */
  sendAttempts: number;
  sendRetryDelayMs: number;
  /** When a claim's tries are spent: back to the schedule after this (application clock), doubling, capped. */
  reschedule: { baseMs: number; maxMs: number };
  database: {
    poolSize: number;
    connectTimeoutMs: number;
    /** Per statement, enforced by the server and, for a partitioned network, by the client too. */
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  };
  redisTimeouts: { connectMs: number; commandMs: number };
  smtpTimeouts: { connectionMs: number; greetingMs: number; socketMs: number };
  /** The whole request must arrive within this (slow clients hold sockets and pooled connections). */
  httpRequestTimeoutMs: number;
  /** SIGTERM: finish or abandon in-flight work within this, then exit 0. */
  shutdownGraceMs: number;
  /** Test clock only: how long to wait for a message that makes no progress before moving on. */
  testClockStallMs: number;
  /** Pooled SMTP, the fleet-wide send rate, DKIM, VERP and the delivery events webhooks. */
  deliverability: DeliverabilityConfig;
  /** The operations ports, the metrics token and the queue dashboard's credentials. */
  operations: OperationsConfig;
  /** OpenTelemetry tracing (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set). */
  tracing: TracingConfig;
  /** Rate limits, the proxies believed about client addresses, and whether /docs is served. */
  limits: LimitsConfig;
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
  DISPATCH_LEASE_MS: integer(1000, 86_400_000).default(60_000),
  // Unset: four sends per pooled SMTP connection, so connections stay busy while others wait on Postgres.
  SEND_CONCURRENCY: integer(1, 500).optional(),
  SEND_ATTEMPTS: integer(1, 20).default(3),
  SEND_RETRY_DELAY_MS: integer(10, 600_000).default(2000),
  RESCHEDULE_DELAY_MS: integer(100, 86_400_000).default(60_000),
  RESCHEDULE_MAX_DELAY_MS: integer(100, 86_400_000).default(1_800_000),
  DATABASE_POOL_SIZE: integer(2, 500).default(20),
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 600_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000).default(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(100, 3_600_000).default(60_000),
  REDIS_CONNECT_TIMEOUT_MS: integer(100, 600_000).default(5000),
  REDIS_COMMAND_TIMEOUT_MS: integer(100, 600_000).default(5000),
  SMTP_CONNECTION_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SMTP_GREETING_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  SMTP_SOCKET_TIMEOUT_MS: integer(100, 600_000).default(30_000),
  HTTP_REQUEST_TIMEOUT_MS: integer(1000, 3_600_000).default(60_000),
  SHUTDOWN_GRACE_MS: integer(1000, 600_000).default(25_000),
  TEST_CLOCK_STALL_MS: integer(100, 600_000).default(15_000),
  ...deliverabilitySchema,
  ...operationsSchema,
  ...tracingSchema,
  ...limitsSchema,
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
        const value = cleaned[name];
        // Never a secret or a URL's password: this message goes to stderr and on into log stores.
        const shown = value === undefined ? '' : ` ${shownSetting(name, value)}`;
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
  if (e.RESCHEDULE_MAX_DELAY_MS < e.RESCHEDULE_DELAY_MS) {
    problems.push('RESCHEDULE_MAX_DELAY_MS: must not be less than RESCHEDULE_DELAY_MS');
  }
  const previousLinkSecrets = readPreviousLinkSecrets(e.LINK_SECRET_PREVIOUS);
  problems.push(...previousLinkSecrets.problems);
  const deliverability = deliverabilityConfigOf(e, e.MAIL_FROM, problems);
  const operations = operationsConfigOf(e, problems);
  const limits = limitsConfigOf(e, e.NODE_ENV, problems);
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
    sendConcurrency: e.SEND_CONCURRENCY ?? 4 * e.SMTP_POOL_SIZE,
    sendAttempts: e.SEND_ATTEMPTS,
    sendRetryDelayMs: e.SEND_RETRY_DELAY_MS,
    reschedule: { baseMs: e.RESCHEDULE_DELAY_MS, maxMs: e.RESCHEDULE_MAX_DELAY_MS },
    database: {
      poolSize: e.DATABASE_POOL_SIZE,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    redisTimeouts: { connectMs: e.REDIS_CONNECT_TIMEOUT_MS, commandMs: e.REDIS_COMMAND_TIMEOUT_MS },
    smtpTimeouts: {
      connectionMs: e.SMTP_CONNECTION_TIMEOUT_MS,
      greetingMs: e.SMTP_GREETING_TIMEOUT_MS,
      socketMs: e.SMTP_SOCKET_TIMEOUT_MS,
    },
    httpRequestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    testClockStallMs: e.TEST_CLOCK_STALL_MS,
    deliverability,
    operations,
    tracing: tracingConfigOf(e),
    limits,
  };
}

/** Reads the process environment: the one place that does. */
export function loadConfigFromEnvironment(overrides: Partial<RawEnv> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}
