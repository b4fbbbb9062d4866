/**
 * Reminder fan-out benchmark:
 *   npm run bench:dispatch -- [--participants 200000] [--send 20000] [--batch-sizes 500,1000,2000]
 *                             [--smtp-pool 0] [--stale-stats]
 *
 * --send 0 skips the SMTP part; --smtp-pool N gives nodemailer a pool of N connections (the app's
 * default is one connection per message); --stale-stats skips the ANALYZE before sending (see
 * measureSend). The Markdown results go to stdout, progress to stderr.
 *
 * It answers the scale questions of DESIGN.md section 5 with the real code, not a model of it:
 *   1. how fast the real DispatchService turns N reminders that fall due at the same instant into
 *      queued BullMQ jobs (claim with SKIP LOCKED, successor rows, addBulk after commit);
 *   2. how much Redis memory a queued job costs, projected to 1 million, and what is left in Redis
 *      once the queue is empty (there must be no per-participant state);
 *   3. how fast the real send workers hand reminders to an SMTP server.
 *
 * Everything runs against the machine's PostgreSQL (own database, dropped and recreated on every
 * run) and the shared Redis (own key prefix, every key deleted at the end; never FLUSHALL).
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/retrowalk_bench) and
 * REDIS_URL (default redis://127.0.0.1:6379).
 */
import 'reflect-metadata';
import { type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, CoreModule, DispatchService, SendMessageService, TestClock } from '@retrowalk/application';
import { type AppConfig, loadConfig } from '@retrowalk/config';
import { nextReminderOccurrence, reminderDedupeKey, WEEKDAYS } from '@retrowalk/domain';
import { JsonLogger } from '@retrowalk/http';
import { EmailRepository } from '@retrowalk/mail';
import {
  EnrollmentRepository,
  MessageDeliveryRepository,
  MessageSendingRepository,
  MessageRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { JobRepository, QueueName } from '@retrowalk/queue';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { recreateDatabase } from './support';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

interface Options {
  participants: number;
  send: number;
  batchSizes: number[];
  /** 0: SMTP_URL as the app is configured by default (a new connection per message). */
  smtpPool: number;
  /** Skip the ANALYZE between fan-out and sending (see measureSend). */
  staleStats: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '200000' },
      send: { type: 'string', default: '20000' },
      'batch-sizes': { type: 'string', default: '500,1000,2000' },
      'smtp-pool': { type: 'string', default: '0' },
      'stale-stats': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench:dispatch -- [--participants 200000] [--send 20000] [--batch-sizes 500,1000,2000] ' +
        '[--smtp-pool 0] [--stale-stats]\n',
    );
    process.exit(0);
  }
  const whole = (name: string, raw: string, min: number): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new Error(`--${name} must be a whole number >= ${min}`);
    return Number(raw);
  };
  const batchSizes = values['batch-sizes'].split(',').map((b) => whole('batch-sizes', b.trim(), 1));
  // The app's own config refuses batch sizes above 10,000; fail here rather than half-way through.
  if (batchSizes.some((b) => b > 10_000))
    throw new Error('--batch-sizes: at most 10000 (DISPATCH_BATCH_SIZE)');
  return {
    participants: whole('participants', values.participants, 1),
    send: whole('send', values.send, 0),
    batchSizes,
    smtpPool: whole('smtp-pool', values['smtp-pool'], 0),
    staleStats: values['stale-stats'],
  };
}

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Fixed rather than random, so a run that was killed outright has its keys deleted by the next one.
const REDIS_PREFIX = 'rwbench-dispatch';
// JobRepository wraps the prefix in braces (a Redis Cluster hash tag); every key we own starts so.
const KEY_PREFIX = `{${REDIS_PREFIX}}`;
const SEND_CONCURRENCY = 50;

/**
 * The instant every seeded reminder falls due. Mid-January keeps all ten zones a safe distance from
 * a DST change, so each successor is exactly one day later and the check below can say so.
 */
const T0 = new Date('2030-01-15T12:00:00.000Z');
const DAY_MS = 24 * 3600 * 1000;

/**
 * Ten IANA zones over both hemispheres, with a half-hour offset (Kolkata) and one zone already on
 * the next local date at T0 (Auckland), so local_date and the dedupe key really vary with the zone.
 */
const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Africa/Nairobi',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/**
 * The Nest apps open right now. Ctrl-C closes them before deleting our Redis keys: a dispatcher
 * still running would otherwise keep adding jobs after the keys were deleted.
 */
const openApps = new Set<{ close(): Promise<void> }>();

const say = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

/** Accumulates the time spent in one kind of call, to say where a dispatch batch spends its time. */
class Stopwatch {
  ms = 0;
  calls = 0;
  readonly samples: number[] = [];

  get meanMs(): number {
    return this.calls === 0 ? 0 : this.ms / this.calls;
  }

  add(ms: number): void {
    this.ms += ms;
    this.calls += 1;
    this.samples.push(ms);
  }

  /** Mean of the first or last tenth of the calls: a claim that slows down as the run goes on shows here. */
  tenthMeanMs(which: 'first' | 'last', dropLast = 0): number {
    const kept = this.samples.slice(0, this.samples.length - dropLast);
    const size = Math.max(1, Math.floor(kept.length / 10));
    const part = which === 'first' ? kept.slice(0, size) : kept.slice(-size);
    return part.reduce((sum, ms) => sum + ms, 0) / Math.max(1, part.length);
  }
}

/**
 * Wraps one method of a live Nest provider so each call is timed. Instrumenting the instances the
 * DispatchService really uses, rather than copying its loop here, keeps the benchmark honest when
 * the service changes.
 */
function instrument<K extends string, T extends { [P in K]: (...args: never[]) => Promise<unknown> }>(
  target: T,
  key: K,
  watch: Stopwatch,
): void {
  const original = target[key].bind(target) as (...args: unknown[]) => Promise<unknown>;
  const timed = async (...args: unknown[]): Promise<unknown> => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      watch.add(performance.now() - started);
    }
  };
  // Same parameters and result as the original; TypeScript cannot relate a generic T[K] to it.
  target[key] = timed as unknown as T[K];
}

function benchConfig(overrides: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX,
    TEST_CLOCK: 'enabled',
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    WORKER_PORT: '0',
    MAIL_FROM: 'Retrowalk <coach@retrowalk.test>',
    ...overrides,
  });
}

function benchLogger(service: string): JsonLogger {
  // stderr, so the Markdown on stdout can be piped straight into a file.
  return new JsonLogger(service, 'warn', (line) => process.stderr.write(`${line}\n`));
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: database and seed
// ---------------------------------------------------------------------------------------------

/**
 * N active, confirmed participants with daily reminders whose local time is T0's wall time in
 * their zone, so the reminder the app itself would schedule for them is due exactly at T0.
 * generate_series keeps a million rows to one statement per table instead of a million round trips.
 */
async function seedEnrollments(db: Client, participants: number): Promise<string> {
  const org = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, coach_email, created_at) VALUES ($1, $2, $3) RETURNING id`,
    ['Bench Physio', 'coach@bench.retrowalk.test', new Date(T0.getTime() - 30 * DAY_MS)],
  );
  const organizationId = org.rows[0]?.id;
  if (!organizationId) throw new Error('Could not create the organisation');
  const screening = {
    severeKneeInjury: false,
    acutePain: false,
    balanceDisorder: false,
    vertigo: false,
    recentKneeSurgery: false,
    clinicianClearance: false,
  };
  await db.query(
    `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
       audience, screening, status, level, confirmed_at, created_at, updated_at)
     SELECT $1, 'walker-' || i || '@bench.retrowalk.test', 'Walker', z.tz, $2::text[],
       to_char($3::timestamptz AT TIME ZONE z.tz, 'HH24:MI'),
       'knee_pain', $4::jsonb, 'active', 1, $5, $5, $5
     FROM generate_series(0, $6 - 1) AS i
     CROSS JOIN LATERAL (SELECT ($7::text[])[1 + i % cardinality($7::text[])] AS tz) AS z`,
    [
      organizationId,
      WEEKDAYS,
      T0,
      JSON.stringify(screening),
      new Date(T0.getTime() - 7 * DAY_MS),
      participants,
      ZONES,
    ],
  );
  return organizationId;
}

/**
 * One pending reminder per participant, due at T0, exactly as the app writes it (kind, dedupe key
 * on the participant's local date, local_date, status). Re-run before each batch size so every run
 * starts from the same schedule; TRUNCATE also throws away the previous run's dead tuples.
 */
async function seedReminders(db: Client): Promise<void> {
  await db.query('TRUNCATE messages');
  await db.query(
    `INSERT INTO messages (organization_id, enrollment_id, kind, dedupe_key, due_at, attempt_at, local_date,
                           status, created_at)
     SELECT e.organization_id, e.id, 'reminder', 'reminder:' || e.id || ':' || d.local_date, $1, $1, d.local_date,
            'pending', $2
     FROM enrollments e
     CROSS JOIN LATERAL (SELECT to_char($1::timestamptz AT TIME ZONE e.timezone, 'YYYY-MM-DD') AS local_date) AS d`,
    [T0, new Date(T0.getTime() - DAY_MS)],
  );
  // Fresh statistics and a clean visibility map, as autovacuum would leave a long-lived table;
  // without them the first claim plans against an "empty" table.
  await db.query('VACUUM ANALYZE messages');
  await db.query('VACUUM ANALYZE enrollments');
}

/**
 * Guards the seed against drifting from the app: for one participant per zone, the domain's own
 * scheduler must put the reminder at T0 on the local date and dedupe key we wrote.
 */
async function checkSeedMatchesApp(db: Client): Promise<void> {
  const rows = await db.query<{
    enrollment_id: string;
    timezone: string;
    reminder_time: string;
    dedupe_key: string;
    local_date: string;
    due_at: Date;
  }>(
    `SELECT DISTINCT ON (e.timezone) m.enrollment_id, e.timezone, e.reminder_time, m.dedupe_key, m.local_date, m.due_at
     FROM messages m JOIN enrollments e ON e.id = m.enrollment_id ORDER BY e.timezone`,
  );
  for (const row of rows.rows) {
    const expected = nextReminderOccurrence(
      { days: WEEKDAYS, time: row.reminder_time },
      row.timezone,
      new Date(T0.getTime() - 1),
    );
    const key = reminderDedupeKey(row.enrollment_id, expected.localDate);
    if (expected.dueAt.getTime() !== T0.getTime() || expected.localDate !== row.local_date) {
      throw new Error(`Seed disagrees with the app in ${row.timezone}: ${JSON.stringify(expected)}`);
    }
    if (key !== row.dedupe_key || row.due_at.getTime() !== T0.getTime()) {
      throw new Error(`Seeded row for ${row.timezone} is not what the app writes: ${row.dedupe_key}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Redis: memory and keys under our prefix
// ---------------------------------------------------------------------------------------------

async function usedMemory(redis: IORedis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match?.[1]) throw new Error('INFO memory has no used_memory');
  return Number(match[1]);
}

// A job hash is "<prefix>:send:<row uuid>.<claim>"; everything else under the prefix is per-queue state.
const JOB_KEY = /:send:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.\d+$/;

interface KeyCensus {
  keys: number;
  jobKeys: number;
  /** MEMORY USAGE summed over our keys: unlike used_memory, blind to other engineers' traffic. */
  bytes: number;
  jobBytes: number;
  /** The send queue's wait list: one entry (the job id) per queued job. */
  waitListBytes: number;
  /** The non-job keys with their size, to show what stays once the queue is empty. */
  others: { key: string; bytes: number }[];
}

/** Walks our keys with SCAN (never KEYS: the Redis is shared) and sizes each with MEMORY USAGE. */
async function keyCensus(redis: IORedis): Promise<KeyCensus> {
  const census: KeyCensus = { keys: 0, jobKeys: 0, bytes: 0, jobBytes: 0, waitListBytes: 0, others: [] };
  // SCAN may return a key twice while Redis rehashes the dict we just grew by a million entries.
  const seen = new Set<string>();
  // Glob metacharacters are * ? [ ] \ only, so the braces of the hash tag match literally.
  const pattern = `${KEY_PREFIX}*`;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    const fresh = batch.filter((key) => !seen.has(key));
    fresh.forEach((key) => seen.add(key));
    if (fresh.length === 0) continue;
    const pipeline = redis.pipeline();
    // SAMPLES 0 sizes every element: the wait list holds all N ids and sampling would guess.
    for (const key of fresh) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const replies = (await pipeline.exec()) ?? [];
    fresh.forEach((key, i) => {
      const bytes = Number(replies[i]?.[1] ?? 0);
      census.keys += 1;
      census.bytes += bytes;
      if (JOB_KEY.test(key)) {
        census.jobKeys += 1;
        census.jobBytes += bytes;
      } else if (key === `${KEY_PREFIX}:${QueueName.Send}:wait`) {
        census.waitListBytes = bytes;
      } else {
        census.others.push({ key, bytes });
      }
    });
  } while (cursor !== '0');
  census.others.sort((a, b) => b.bytes - a.bytes);
  return census;
}

/** Deletes every key under our prefix, in small UNLINK batches so no single command blocks Redis. */
async function deleteOurKeys(redis: IORedis): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${KEY_PREFIX}*`, 'COUNT', 5000);
    cursor = next;
    if (batch.length > 0) deleted += await redis.unlink(...batch);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Removes queued send jobs through BullMQ itself (Queue.clean on the wait list), a few thousand
 * at a time: Queue.drain would do it in one Lua script, blocking the shared Redis for seconds.
 */
async function removeWaitingJobs(queue: Queue): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await queue.clean(0, 5000, 'wait');
    removed += ids.length;
    if (ids.length < 5000) break;
  }
  for (;;) {
    const ids = await queue.clean(0, 5000, 'failed');
    removed += ids.length;
    if (ids.length < 5000) break;
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// SMTP sink
// ---------------------------------------------------------------------------------------------

/**
 * A real SMTP listener that only counts. scripts/support/smtp-sink.ts parses and keeps every
 * message with mailparser, which on two cores would compete with the workers it is measuring.
 */
class CountingSmtpSink {
  received = 0;
  bytes = 0;
  private readonly server: SMTPServer;
  private port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        stream.on('data', (chunk: Buffer) => {
          this.bytes += chunk.length;
        });
        stream.on('end', () => {
          this.received += 1;
          callback();
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------------------------

interface DispatchRun {
  batchSize: number;
  seconds: number;
  ratePerMinute: number;
  batches: number;
  /** Node's own CPU time over wall time: near 100% means one core of JavaScript is the limit. */
  nodeCpuPercent: number;
  claimMs: number;
  /** Claim query, mean of the first and of the last tenth of the full batches. */
  claimFirstTenthMs: number;
  claimLastTenthMs: number;
  loadEnrollmentsMs: number;
  insertSuccessorsMs: number;
  transactionMs: number;
  enqueueMs: number;
  usedMemoryBefore: number;
  usedMemoryAfter: number;
  census: KeyCensus;
  waitingJobs: number;
}

async function measureDispatch(
  db: Client,
  redis: IORedis,
  sendQueue: Queue,
  participants: number,
  batchSize: number,
): Promise<DispatchRun> {
  await seedReminders(db);
  await checkSeedMatchesApp(db);
  // Start from an empty send queue so the memory delta is this run's jobs only.
  await removeWaitingJobs(sendQueue);
  const usedMemoryBefore = await usedMemory(redis);

  const config = benchConfig({ DISPATCH_BATCH_SIZE: String(batchSize) });
  // CoreModule is what the worker runs on, minus WorkerModule's bootstrap, which would start the
  // send workers and the dispatch scheduler: the fan-out is measured with nobody consuming jobs.
  const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config), {
    logger: benchLogger('bench-dispatch'),
    abortOnError: false,
  });
  openApps.add(app);
  try {
    const clock = app.get(Clock);
    if (!(clock instanceof TestClock)) throw new Error('TEST_CLOCK=enabled should give a TestClock');
    await clock.set(T0);

    const claim = new Stopwatch();
    const load = new Stopwatch();
    const insert = new Stopwatch();
    const transaction = new Stopwatch();
    const enqueue = new Stopwatch();
    instrument(app.get(MessageDeliveryRepository), 'claimDue', claim);
    instrument(app.get(MessageRepository), 'insertIfAbsent', insert);
    instrument(app.get(EnrollmentRepository), 'findManyForDispatch', load);
    instrument(app.get(UnitOfWork), 'run', transaction);
    instrument(app.get(JobRepository), 'enqueueSends', enqueue);

    say(`dispatching ${fmt(participants)} reminders, batch size ${batchSize} ...`);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // One call drains everything due: the service loops until a batch comes back short.
    const result = await app.get(DispatchService).dispatchDue();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    if (result.claimed !== participants) {
      throw new Error(`Claimed ${result.claimed} of ${participants} due reminders`);
    }
    await checkDispatchOutcome(db, participants);
    const waitingJobs = await sendQueue.getWaitingCount();
    if (waitingJobs !== participants)
      throw new Error(`${waitingJobs} jobs waiting, expected ${participants}`);

    const usedMemoryAfter = await usedMemory(redis);
    const census = await keyCensus(redis);
    // claimDue runs once per batch plus the final short one.
    const batches = claim.calls;
    const perBatch = (w: Stopwatch): number => w.ms / Math.max(1, batches);
    return {
      batchSize,
      seconds,
      ratePerMinute: (participants / seconds) * 60,
      batches,
      nodeCpuPercent: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
      claimMs: perBatch(claim),
      // The last claim finds nothing and would skew the last tenth; leave it out.
      claimFirstTenthMs: claim.tenthMeanMs('first', 1),
      claimLastTenthMs: claim.tenthMeanMs('last', 1),
      loadEnrollmentsMs: perBatch(load),
      insertSuccessorsMs: perBatch(insert),
      // Includes the one (empty) reclaim pass: negligible next to hundreds of claim transactions.
      transactionMs: perBatch(transaction),
      enqueueMs: perBatch(enqueue),
      usedMemoryBefore,
      usedMemoryAfter,
      census,
      waitingJobs,
    };
  } finally {
    openApps.delete(app);
    await app.close();
  }
}

/** Every due row claimed, exactly one successor per participant, one day later. */
async function checkDispatchOutcome(db: Client, participants: number): Promise<void> {
  const { rows } = await db.query<{ queued: number; next_day: number; pending_other: number }>(
    `SELECT count(*) FILTER (WHERE status = 'queued' AND due_at = $1)::int AS queued,
            count(*) FILTER (WHERE status = 'pending' AND due_at = $2)::int AS next_day,
            count(*) FILTER (WHERE status = 'pending' AND due_at <> $2)::int AS pending_other
     FROM messages`,
    [T0, new Date(T0.getTime() + DAY_MS)],
  );
  const counts = rows[0];
  if (!counts || counts.queued !== participants || counts.next_day !== participants || counts.pending_other) {
    throw new Error(`Unexpected schedule after dispatch: ${JSON.stringify(counts)}`);
  }
}

interface SendRun {
  messages: number;
  seconds: number;
  ratePerMinute: number;
  nodeCpuPercent: number;
  sentRows: number;
  /** Mean ms per message: the whole job, claiming the row, and the SMTP hand-over. */
  jobMs: number;
  beginSendingMs: number;
  smtpMs: number;
  finishMs: number;
}

/**
 * Starts the real worker app (send workers at concurrency 50, SMTP to the counting sink) on the
 * jobs the last dispatch run left queued, and times the first `messages` of them reaching SMTP.
 * Reusing those jobs measures exactly what follows a fan-out; the rest are removed afterwards.
 */
async function measureSend(
  db: Client,
  messages: number,
  sink: CountingSmtpSink,
  smtpPool: number,
  staleStats: boolean,
): Promise<SendRun> {
  if (!staleStats) {
    // Statistics from before the fan-out say almost no row is queued, so the planner takes the
    // partial index messages_in_flight_lease for the send path's "WHERE id = $1 AND status = ..."
    // and walks every in-flight row per message. Autoanalyze fixes that a minute or so into a real
    // burst (autovacuum is off on the benchmark machine); --stale-stats measures the window before.
    await db.query('ANALYZE messages');
  }
  // nodemailer reads pool settings from the URL, so a pooled transport needs no code change.
  const smtpUrl = smtpPool > 0 ? `${sink.url}?pool=true&maxConnections=${smtpPool}` : sink.url;
  const config = benchConfig({ SMTP_URL: smtpUrl, SEND_CONCURRENCY: String(SEND_CONCURRENCY) });
  say(`sending ${fmt(messages)} of the queued reminders through SMTP, concurrency ${SEND_CONCURRENCY} ...`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let worker: NestFastifyApplication | null = await createWorkerApp(config, benchLogger('bench-worker'));
  openApps.add(worker);
  try {
    // Providers exist once the app is created; the workers only start in init(), so time them now.
    const job = new Stopwatch();
    const begin = new Stopwatch();
    const smtp = new Stopwatch();
    const finish = new Stopwatch();
    instrument(worker.get(SendMessageService), 'send', job);
    instrument(worker.get(MessageSendingRepository), 'beginSendingBatch', begin);
    instrument(worker.get(EmailRepository), 'send', smtp);
    instrument(worker.get(MessageSendingRepository), 'markSentBatch', finish);
    await worker.init();
    let lastCount = 0;
    let lastProgress = performance.now();
    while (sink.received < messages) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (sink.received !== lastCount) {
        lastCount = sink.received;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 60_000) {
        throw new Error(`Sending stalled at ${sink.received} of ${messages} messages`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // Closing the worker lets the jobs in hand finish, so a few more than `messages` are sent.
    openApps.delete(worker);
    await worker.close();
    worker = null;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE status = 'sent'`,
    );
    return {
      messages,
      seconds,
      ratePerMinute: (messages / seconds) * 60,
      nodeCpuPercent: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
      sentRows: rows[0]?.n ?? 0,
      jobMs: job.meanMs,
      beginSendingMs: begin.meanMs,
      smtpMs: smtp.meanMs,
      finishMs: finish.meanMs,
    };
  } finally {
    if (worker) {
      openApps.delete(worker);
      await worker.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function report(
  options: Options,
  runs: DispatchRun[],
  send: SendRun | null,
  drained: { census: KeyCensus; usedMemory: number } | null,
  settings: Record<string, string>,
): string {
  const n = options.participants;
  const machine = `${cpus().length} cores`;
  const node = process.version;
  const lines: string[] = [];
  lines.push(`### Reminder fan-out (${machine}, Node ${node}, PostgreSQL and Redis on the same machine)`);
  lines.push('');
  lines.push(
    '| Machine | Node | N | Batch size | Seconds | Rate/min | Redis bytes/job (used_memory) | Redis bytes/job (keys) | Projected Redis for 1M |',
  );
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const run of runs) {
    // used_memory also counts Redis's own keyspace table, which MEMORY USAGE leaves out; but it is
    // the whole server's figure, so other users' traffic shows in it too. Report both.
    const deltaPerJob = (run.usedMemoryAfter - run.usedMemoryBefore) / n;
    const keysPerJob = (run.census.jobBytes + run.census.waitListBytes) / n;
    const fixedBytes = run.census.others.reduce((sum, o) => sum + o.bytes, 0);
    lines.push(
      `| ${machine} | ${node} | ${fmt(n)} | ${fmt(run.batchSize)} | ${fmt(run.seconds, 1)} | ` +
        `${fmt(run.ratePerMinute)} | ${fmt(deltaPerJob)} | ${fmt(keysPerJob)} | ` +
        `${mib(fixedBytes + Math.max(deltaPerJob, keysPerJob) * 1_000_000)} |`,
    );
  }
  if (send) {
    lines.push(
      `| ${machine} | ${node} | ${fmt(send.messages)} sent | SMTP, concurrency ${SEND_CONCURRENCY}, ` +
        `${options.smtpPool > 0 ? `pool of ${options.smtpPool}` : 'no pool'}` +
        `${options.staleStats ? ', stale statistics' : ''} | ` +
        `${fmt(send.seconds, 1)} | ${fmt(send.ratePerMinute)} | | | |`,
    );
  }
  lines.push('');
  lines.push('Where a dispatch batch spends its time (mean ms per batch):');
  lines.push('');
  lines.push(
    '| Batch size | Batches | Claim (UPDATE ... SKIP LOCKED) | Claim, first -> last tenth | Load enrolments | Insert successors | Whole transaction | addBulk to Redis | Node CPU |',
  );
  lines.push('|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const run of runs) {
    lines.push(
      `| ${fmt(run.batchSize)} | ${fmt(run.batches)} | ${fmt(run.claimMs, 1)} | ` +
        `${fmt(run.claimFirstTenthMs, 1)} -> ${fmt(run.claimLastTenthMs, 1)} | ${fmt(run.loadEnrollmentsMs, 1)} | ` +
        `${fmt(run.insertSuccessorsMs, 1)} | ${fmt(run.transactionMs, 1)} | ${fmt(run.enqueueMs, 1)} | ` +
        `${fmt(run.nodeCpuPercent)}% |`,
    );
  }
  const last = runs[runs.length - 1];
  if (last) {
    lines.push('');
    lines.push(
      `With ${fmt(n)} jobs queued: ${fmt(last.census.keys)} keys under the prefix ` +
        `(${fmt(last.census.jobKeys)} job hashes, ${fmt(last.census.bytes)} bytes by MEMORY USAGE); ` +
        `used_memory ${mib(last.usedMemoryBefore)} -> ${mib(last.usedMemoryAfter)}.`,
    );
  }
  if (drained) {
    const others = drained.census.others.map((o) => `\`${o.key}\` ${fmt(o.bytes)} B`).join(', ');
    lines.push(
      `Queue drained: ${fmt(drained.census.keys)} keys (${fmt(drained.census.jobKeys)} job hashes), ` +
        `${fmt(drained.census.bytes)} bytes by MEMORY USAGE, used_memory ${mib(drained.usedMemory)}: ${others || 'none'}.`,
    );
  }
  if (send) {
    lines.push(
      `Send: timed until ${fmt(send.messages)} messages reached the SMTP sink (worker start-up included); ` +
        `${fmt(send.sentRows)} rows were sent once the workers closed; Node CPU ${fmt(send.nodeCpuPercent)}% ` +
        '(dispatcher, workers and SMTP sink share one Node process). Mean ms per message: ' +
        `whole job ${fmt(send.jobMs, 1)}, claim rows (a batch) ${fmt(send.beginSendingMs, 1)}, ` +
        `SMTP ${fmt(send.smtpMs, 1)}, mark sent ${fmt(send.finishMs, 1)}.`,
    );
  }
  lines.push('');
  lines.push(
    `Settings: ${Object.entries(settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async (): Promise<void> => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error: unknown) => say(`clean-up step failed: ${String(error)}`));
    }
  };
  // Ctrl-C must still delete our keys from the shared Redis.
  process.once('SIGINT', () => {
    say('interrupted; cleaning up');
    void Promise.allSettled([...openApps].map((app) => app.close()))
      .then(cleanUp)
      .finally(() => process.exit(130));
  });

  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: true });
  await redis.connect();
  const leftovers = await deleteOurKeys(redis);
  if (leftovers > 0)
    say(`deleted ${fmt(leftovers)} keys an interrupted earlier run left under ${KEY_PREFIX}`);
  cleanups.push(async () => redis.quit());
  cleanups.push(async () => say(`deleted ${fmt(await deleteOurKeys(redis))} Redis keys under ${KEY_PREFIX}`));
  // Our own handle on the send queue, for counts and for removing jobs between runs. BullMQ does
  // not close a connection it was given, so it is quit here after the queue closes.
  const queueConnection = redis.duplicate();
  cleanups.push(async () => queueConnection.quit());
  const sendQueue = new Queue(QueueName.Send, { connection: queueConnection, prefix: KEY_PREFIX });
  cleanups.push(async () => sendQueue.close());

  try {
    say(`recreating ${new URL(DATABASE_URL).pathname.slice(1)} and migrating ...`);
    await recreateDatabase(DATABASE_URL);
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    cleanups.push(async () => db.end());

    const seedStarted = performance.now();
    await seedEnrollments(db, options.participants);
    say(
      `seeded ${fmt(options.participants)} enrolments in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`,
    );

    const settings: Record<string, string> = { REDIS_PREFIX };
    for (const name of ['shared_buffers', 'synchronous_commit', 'max_wal_size', 'autovacuum']) {
      const { rows } = await db.query<Record<string, string>>(`SHOW ${name}`);
      settings[name] = rows[0]?.[name] ?? '?';
    }
    const policy = (await redis.config('GET', 'maxmemory-policy')) as string[];
    settings['maxmemory-policy'] = policy[1] ?? '?';
    // The two cores are shared with whatever else runs on the machine; a high load explains noise.
    const load = (): string =>
      loadavg()
        .map((l) => l.toFixed(1))
        .join('/');
    settings['load average at start'] = load();

    const runs: DispatchRun[] = [];
    for (const batchSize of options.batchSizes) {
      const run = await measureDispatch(db, redis, sendQueue, options.participants, batchSize);
      say(
        `batch ${batchSize}: ${fmt(run.seconds, 1)} s, ${fmt(run.ratePerMinute)}/min, ` +
          `${fmt((run.census.jobBytes + run.census.waitListBytes) / options.participants)} B/job by keys, ` +
          `${fmt((run.usedMemoryAfter - run.usedMemoryBefore) / options.participants)} B/job by used_memory`,
      );
      runs.push(run);
    }

    let send: SendRun | null = null;
    if (options.send > 0) {
      const messages = Math.min(options.send, options.participants);
      if (messages < options.send) say(`--send capped at the ${fmt(messages)} queued jobs`);
      const sink = new CountingSmtpSink();
      await sink.start();
      cleanups.push(async () => sink.stop());
      send = await measureSend(db, messages, sink, options.smtpPool, options.staleStats);
      say(`sent ${fmt(send.messages)} in ${fmt(send.seconds, 1)} s, ${fmt(send.ratePerMinute)}/min`);
    }

    // What stays in Redis when nothing is queued: only per-queue bookkeeping, nothing per person.
    const removed = await removeWaitingJobs(sendQueue);
    say(`removed ${fmt(removed)} queued jobs`);
    const drained = { census: await keyCensus(redis), usedMemory: await usedMemory(redis) };

    settings['load average at end'] = load();
    process.stdout.write(`${report(options, runs, send, drained, settings)}\n`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
