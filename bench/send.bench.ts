/**
 * npm run bench:send -- [--messages 5000] [--pool 5] [--concurrency 20] [--peak 100000] [--peak-workers 2]
 *
 * One run, against one SMTP listener in its own process (bench/smtp-listener.ts):
 *  (a) raw pooled nodemailer sending N prebuilt reminder emails at the given concurrency;
 *  (b) the real worker path for N due reminders: the worker app in this process claims them, renders,
 *      sends through its pooled transport and marks each row sent;
 * then prints both rates, their ratio and the CPU per message of this process; then (--peak) a
 * simulated morning peak: P reminders due over one minute, delivered by worker processes started from
 * the build, with the lateness (sent_at minus due_at) percentiles read from Postgres.
 * Its own database (BENCH_DATABASE_URL, default retrowalk_bench_send) and Redis prefix.
 */
import 'reflect-metadata';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DispatchService,
  LinkService,
  MessageComposer,
  SendMessageService,
  SystemClock,
} from '@retrowalk/application';
import { type AppConfig, loadConfig } from '@retrowalk/config';
import { NOTHING_TO_REPORT, verpAddressOf, WEEKDAYS } from '@retrowalk/domain';
import { JsonLogger } from '@retrowalk/http';
import { EmailRepository } from '@retrowalk/mail';
import {
  type EnrollmentEntity,
  MessageSendingRepository,
  type OrganizationEntity,
} from '@retrowalk/persistence';
import IORedis from 'ioredis';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { percentile, recreateDatabase } from './support';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    pool: { type: 'string', default: '5' },
    concurrency: { type: 'string' },
    peak: { type: 'string', default: '100000' },
    'peak-workers': { type: 'string', default: '2' },
    // For profiling the real path alone (node --cpu-prof dist/bench/send.bench.js --only real).
    only: { type: 'string' },
  },
});
const N = Number(values.messages);
const POOL = Number(values.pool);
const CONCURRENCY = Number(values.concurrency ?? 4 * POOL);
const PEAK = Number(values.peak);
const PEAK_WORKERS = Number(values['peak-workers']);
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench_send';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'rwbench-send';
const MAIL_FROM = 'Bench Physio <coach@bench.retrowalk.test>';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------------------------------------
// The listener, in its own process
// ---------------------------------------------------------------------------------------------

class Listener {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Listener> {
    const child = fork(join(__dirname, 'smtp-listener.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve) =>
      child.once('message', (m: { type: string; port: number }) => resolve(m.port)),
    );
    return new Listener(child, port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  counts(): Promise<{ messages: number; connections: number }> {
    return new Promise((resolve) => {
      const onMessage = (m: { type: string; messages: number; connections: number }) => {
        if (m.type !== 'counts') return;
        this.child.off('message', onMessage);
        resolve(m);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'counts' });
    });
  }

  /** Resolves when the listener has `target` messages, polling its counts. */
  async waitFor(target: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.counts()).messages < target) {
      if (Date.now() > deadline) throw new Error(`listener stuck below ${target} messages`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.child.send({ type: 'stop' });
  }
}

// ---------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------

async function seedEnrollments(db: Client, count: number): Promise<string> {
  const org = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, coach_email, created_at) VALUES ('Bench Physio', 'coach@bench.retrowalk.test', now()) RETURNING id`,
  );
  const organizationId = org.rows[0]!.id;
  await db.query(
    `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
       audience, screening, status, level, confirmed_at, created_at, updated_at)
     SELECT $1, 'walker-' || i || '@bench.retrowalk.test', 'Walker', 'UTC', $2::text[], '07:30',
       'knee_pain', $3::jsonb, 'active', 1 + i % 4, now(), now(), now()
     FROM generate_series(0, $4 - 1) AS i`,
    [organizationId, WEEKDAYS, JSON.stringify(NOTHING_TO_REPORT), count],
  );
  await db.query('VACUUM ANALYZE enrollments');
  return organizationId;
}

/** `count` reminders, one per participant, due evenly over [from, from + spreadMs). */
async function seedReminders(db: Client, count: number, from: Date, spreadMs: number): Promise<void> {
  await db.query('TRUNCATE messages CASCADE');
  await db.query(
    `INSERT INTO messages (organization_id, enrollment_id, kind, dedupe_key, due_at, attempt_at, local_date,
                           status, created_at)
     SELECT e.organization_id, e.id, 'reminder', 'reminder:' || e.id || ':2030-01-15',
            d.due, d.due, '2030-01-15', 'pending', now()
     FROM (SELECT id, organization_id, row_number() OVER (ORDER BY id) - 1 AS n FROM enrollments LIMIT $1) e
     CROSS JOIN LATERAL (SELECT $2::timestamptz + (e.n * $3::float8 / $1) * interval '1 millisecond' AS due) d`,
    [count, from, spreadMs],
  );
  await db.query('VACUUM ANALYZE messages');
}

async function deleteOurKeys(redis: IORedis): Promise<void> {
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `{${REDIS_PREFIX}}*`, 'COUNT', 5000);
    cursor = next;
    if (batch.length > 0) await redis.unlink(...batch);
  } while (cursor !== '0');
}

function settings(smtpUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX,
    TEST_CLOCK: 'disabled',
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    WORKER_PORT: '0',
    MAIL_FROM,
    SMTP_URL: smtpUrl,
    SMTP_POOL_SIZE: String(POOL),
    SEND_CONCURRENCY: String(CONCURRENCY),
    DATABASE_POOL_SIZE: String(CONCURRENCY + 10),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// (a) raw pooled nodemailer, (b) the real path
// ---------------------------------------------------------------------------------------------

/** Mean milliseconds of each step of a send, timed on the live providers of the worker app. */
class Timings {
  private readonly totals = new Map<string, { ms: number; calls: number }>();

  wrap<T extends object>(target: T, key: keyof T & string, name: string): void {
    const original = (target[key] as (...args: unknown[]) => Promise<unknown>).bind(target);
    const totals = this.totals;
    (target as Record<string, unknown>)[key] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        const t = totals.get(name) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - started;
        t.calls += 1;
        totals.set(name, t);
      }
    };
  }

  describe(): string {
    return [...this.totals]
      .map(([name, t]) => `${name} ${fmt(t.ms / t.calls, 1)} ms (${fmt(t.calls)} calls)`)
      .join(', ');
  }
}

interface Run {
  timings?: string;
  seconds: number;
  rate: number;
  cpuMsPerMessage: number;
  connections: number;
}

/** N messages since `started`: wall time, rate, this process's CPU per message, connections opened. */
function runSince(
  started: number,
  cpu: NodeJS.CpuUsage,
  before: { connections: number },
  after: { connections: number },
): Run {
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    rate: N / seconds,
    cpuMsPerMessage: (used.user + used.system) / 1000 / N,
    connections: after.connections - before.connections,
  };
}

/** The very emails the app would send: composed by its own composer, once, then copied N times. */
function prebuiltEmails(config: AppConfig, count: number) {
  const composer = new MessageComposer(config, new LinkService(config, new SystemClock()));
  const enrollment = {
    id: '11111111-1111-4111-8111-111111111111',
    organizationId: '22222222-2222-4222-8222-222222222222',
    email: 'walker@bench.retrowalk.test',
    firstName: 'Walker',
    timezone: 'UTC',
    reminderDays: [...WEEKDAYS],
    reminderTime: '07:30',
    level: 2,
  } as unknown as EnrollmentEntity;
  const organization = {
    id: enrollment.organizationId,
    name: 'Bench Physio',
    displayName: null,
    senderName: null,
    replyTo: null,
    coachEmail: 'coach@bench.retrowalk.test',
  } as unknown as OrganizationEntity;
  return Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const email = composer.compose(
      { id, kind: 'reminder', localDate: '2030-01-15', dedupeKey: `reminder:${id}:2030-01-15` },
      enrollment,
      organization,
      new Date(),
    );
    return {
      ...email,
      to: `walker-${i}@bench.retrowalk.test`,
      returnPath: verpAddressOf(id, 'bench.retrowalk.test'),
    };
  });
}

async function measureRaw(listener: Listener, config: AppConfig): Promise<Run> {
  const emails = prebuiltEmails(config, N);
  const transport = createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    pool: true,
    maxConnections: POOL,
    maxMessages: 1000,
  });
  const before = await listener.counts();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < emails.length) {
        const e = emails[next++]!;
        await transport.sendMail({
          to: e.to,
          from: e.from,
          replyTo: e.replyTo,
          subject: e.subject,
          text: e.text,
          html: e.html,
          date: e.date,
          messageId: e.messageId,
          headers: e.headers,
          envelope: { from: e.returnPath, to: e.to },
        });
      }
    }),
  );
  const run = runSince(started, cpu, before, await listener.counts());
  transport.close();
  return run;
}

async function measureReal(listener: Listener, db: Client, config: AppConfig): Promise<Run> {
  await seedReminders(db, N, new Date(Date.now() - 5000), 1);
  const before = await listener.counts();
  const logger = new JsonLogger('bench-worker', 'warn', (line) => process.stderr.write(`${line}\n`));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = await createWorkerApp(config, logger);
  const timings = new Timings();
  timings.wrap(worker.get(SendMessageService), 'send', 'whole job');
  timings.wrap(worker.get(MessageSendingRepository), 'beginSendingBatch', 'claim batch');
  timings.wrap(worker.get(EmailRepository), 'send', 'SMTP');
  timings.wrap(worker.get(MessageSendingRepository), 'markSentBatch', 'mark-sent batch');
  timings.wrap(worker.get(DispatchService), 'dispatchDue', 'dispatch tick');
  await worker.init();
  try {
    await listener.waitFor(before.messages + N, 600_000);
    // The job ends when its row is marked sent: wait for the last ones.
    for (;;) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE status = 'sent' AND kind = 'reminder' AND local_date = '2030-01-15'`,
      );
      if (rows[0]!.n >= N) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { ...runSince(started, cpu, before, await listener.counts()), timings: timings.describe() };
  } finally {
    await worker.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The morning peak: worker processes from the build
// ---------------------------------------------------------------------------------------------

function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function measurePeak(listener: Listener, db: Client): Promise<Record<string, number>> {
  const dueFrom = new Date(Date.now() + 20_000);
  await seedReminders(db, PEAK, dueFrom, 60_000);
  say(
    `${fmt(PEAK)} reminders due from ${dueFrom.toISOString()} over one minute; starting ${PEAK_WORKERS} workers ...`,
  );
  const env = { ...process.env, ...settings(listener.url) };
  const workers = Array.from({ length: PEAK_WORKERS }, () =>
    spawn(process.execPath, [join(__dirname, '../apps/worker/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const cpuStart = workers.map((w) => processCpuMs(w.pid!));
  try {
    const deadline = Date.now() + 20 * 60_000;
    let sent = 0;
    while (sent < PEAK) {
      if (Date.now() > deadline) throw new Error(`peak stuck at ${sent} of ${PEAK} sent`);
      await new Promise((r) => setTimeout(r, 2000));
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE status = 'sent' AND local_date = '2030-01-15'`,
      );
      sent = rows[0]!.n;
      say(`  ${fmt(sent)} sent`);
    }
    const cpuMs = workers.reduce((sum, w, i) => sum + processCpuMs(w.pid!) - cpuStart[i]!, 0);
    const { rows } = await db.query<{ late: number }>(
      `SELECT extract(epoch FROM sent_at - due_at)::float8 AS late FROM messages
       WHERE local_date = '2030-01-15' AND status = 'sent' ORDER BY 1`,
    );
    const late = rows.map((r) => r.late);
    const span = await db.query<{ s: number }>(
      `SELECT extract(epoch FROM max(sent_at) - min(sent_at))::float8 AS s FROM messages WHERE local_date = '2030-01-15'`,
    );
    return {
      p50: percentile(late, 50),
      p90: percentile(late, 90),
      p99: percentile(late, 99),
      max: late[late.length - 1] ?? Number.NaN,
      sendSeconds: span.rows[0]!.s,
      workerCpuMsPerMessage: cpuMs / PEAK,
    };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
  }
}

async function main(): Promise<void> {
  say(`recreating ${DATABASE_URL} ...`);
  await recreateDatabase(DATABASE_URL);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const redis = new IORedis(REDIS_URL);
  await deleteOurKeys(redis);
  const listener = await Listener.start();
  try {
    await seedEnrollments(db, Math.max(N, PEAK));
    const config = loadConfig(settings(listener.url));
    say(
      `(a) raw pooled nodemailer: ${fmt(N)} prebuilt messages, pool ${POOL}, concurrency ${CONCURRENCY} ...`,
    );
    const skip: Run = { seconds: 0, rate: Number.NaN, cpuMsPerMessage: Number.NaN, connections: 0 };
    const raw = values.only === 'real' ? skip : await measureRaw(listener, config);
    say(`(b) the real worker path: ${fmt(N)} due reminders ...`);
    const real = values.only === 'raw' ? skip : await measureReal(listener, db, config);
    await deleteOurKeys(redis);
    const lines = [
      `### bench:send (${cpus().length} cores, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
      '',
      `| path | messages | seconds | per second | CPU ms per message (this process) | SMTP connections |`,
      '|---|--:|--:|--:|--:|--:|',
      `| (a) raw pooled nodemailer | ${fmt(N)} | ${fmt(raw.seconds, 2)} | ${fmt(raw.rate)} | ${fmt(raw.cpuMsPerMessage, 3)} | ${raw.connections} |`,
      `| (b) real path: claim, render, send, mark sent | ${fmt(N)} | ${fmt(real.seconds, 2)} | ${fmt(real.rate)} | ${fmt(real.cpuMsPerMessage, 3)} | ${real.connections} |`,
      '',
      `**ratio real / raw: ${fmt(real.rate / raw.rate, 2)}** (target 0.8 or better); pool ${POOL}, concurrency ${CONCURRENCY}.`,
      '',
      `Where a real send's time goes (mean wall time per call): ${real.timings ?? '-'}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (PEAK > 0) {
      const peak = await measurePeak(listener, db);
      process.stdout.write(
        [
          '',
          `Morning peak: ${fmt(PEAK)} reminders due within one minute, ${PEAK_WORKERS} worker processes (pool ${POOL}, concurrency ${CONCURRENCY} each):`,
          `lateness (sent_at - due_at) p50 ${fmt(peak.p50!, 1)} s, p90 ${fmt(peak.p90!, 1)} s, **p99 ${fmt(peak.p99!, 1)} s**, max ${fmt(peak.max!, 1)} s (target p99 < 120 s);`,
          `first to last send ${fmt(peak.sendSeconds!, 1)} s (${fmt(PEAK / peak.sendSeconds!)} a second); worker CPU ${fmt(peak.workerCpuMsPerMessage!, 2)} ms per message; load average after ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}.`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    listener.stop();
    await deleteOurKeys(redis);
    await redis.quit();
    await db.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
