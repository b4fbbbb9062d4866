/**
 * Check-in API latency benchmark:
 *   npm run bench:check-in -- [--participants 100000] [--concurrency 8] [--seconds 20]
 *
 * DESIGN.md section 5 asks for a check-in API p99 under 50 ms on 2 cores. This starts the real API
 * as its own process (as in production: `node dist/apps/api/src/main.js`) against a database seeded
 * with N active participants, then keeps `concurrency` check-ins in flight over HTTP for the given
 * time, each for a random participant, and reports the latency percentiles the client saw (warm-up
 * excluded). Every request goes through the whole path: API key, role check, the organisation's
 * transaction under row-level security, the pain rules, the decision record, the messages it
 * schedules, and the dispatcher nudge after commit.
 *
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/retrowalk_bench_check_in),
 * REDIS_URL (default redis://127.0.0.1:6379). Markdown results go to stdout, progress to stderr.
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { hashApiKey } from '@retrowalk/application';
import { WEEKDAYS } from '@retrowalk/domain';
import IORedis from 'ioredis';
import { percentile, recreateDatabase, startApiProcess, waitUntilApiReady, withClient } from './support';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench_check_in';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'rwbench-check-in';
const PORT = 3917;
const API_KEY = 'rw_bench-check-in-key-0000000000000000000000000000';
const WARM_UP_MS = 3_000;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '100000' },
      concurrency: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '20' },
    },
    strict: true,
  });
  return {
    participants: Number(values.participants),
    concurrency: Number(values.concurrency),
    seconds: Number(values.seconds),
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** N active participants of one organisation, enrolled a week ago, plus an admin key we know. */
async function seed(participants: number): Promise<string[]> {
  return withClient(DATABASE_URL, async (db) => {
    const now = new Date();
    const org = await db.query<{ id: string }>(
      `INSERT INTO organizations (name, coach_email, created_at) VALUES ('Bench Physio', 'coach@bench.test', $1)
       RETURNING id`,
      [now],
    );
    const organizationId = org.rows[0]!.id;
    await db.query(
      `INSERT INTO api_keys (organization_id, prefix, key_hash, role, created_at)
       VALUES ($1, $2, $3, 'admin', $4)`,
      [organizationId, API_KEY.slice(0, 10), hashApiKey(API_KEY), now],
    );
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const screening = JSON.stringify({
      severeKneeInjury: false,
      acutePain: false,
      balanceDisorder: false,
      vertigo: false,
      recentKneeSurgery: false,
      clinicianClearance: false,
    });
    const ids = await db.query<{ id: string }>(
      `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
         audience, screening, status, level, confirmed_at, created_at, updated_at)
       SELECT $1, 'walker-' || i || '@bench.test', 'Walker', 'Europe/London', $2::text[], '07:30',
         'knee_pain', $3::jsonb, 'active', 1, $4, $4, $4
       FROM generate_series(1, $5) AS i
       RETURNING id`,
      [organizationId, WEEKDAYS, screening, weekAgo, participants],
    );
    await db.query('ANALYZE');
    return ids.rows.map((r) => r.id);
  });
}

interface Sample {
  at: number;
  ms: number;
  status: number;
}

async function load(ids: string[], concurrency: number, seconds: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const started = performance.now();
  const end = started + WARM_UP_MS + seconds * 1000;
  const performedAt = new Date(Date.now() - 3_600_000).toISOString();
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const body = JSON.stringify({
        performedAt,
        durationMinutes: 10,
        painDuring: Math.floor(Math.random() * 4),
        painType: 'muscle_effort',
        swelling: false,
        dizziness: false,
        fall: false,
        nearFall: false,
        kneeGaveWay: false,
      });
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${PORT}/v1/enrollments/${id}/check-ins`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      samples.push({ at: t0 - started, ms: performance.now() - t0, status: res.status });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return samples.filter((s) => s.at >= WARM_UP_MS);
}

async function deleteOurKeys(): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  log(
    `Recreating ${new URL(DATABASE_URL).pathname.slice(1)} and seeding ${options.participants} participants`,
  );
  await recreateDatabase(DATABASE_URL);
  const ids = await seed(options.participants);
  const api = startApiProcess({
    port: PORT,
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    redisPrefix: REDIS_PREFIX,
  });
  try {
    await waitUntilApiReady(PORT);
    log(
      `Check-ins: ${options.concurrency} in flight for ${options.seconds} s (after ${WARM_UP_MS / 1000} s warm-up)`,
    );
    const samples = await load(ids, options.concurrency, options.seconds);
    const failed = samples.filter((s) => s.status !== 201);
    if (failed.length > 0) {
      throw new Error(`${failed.length} check-ins failed, e.g. status ${failed[0]!.status}`);
    }
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const rows = await withClient(DATABASE_URL, (db) =>
      db.query<{ n: string }>('SELECT count(*) AS n FROM check_ins'),
    );
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    process.stdout.write(
      [
        `## Check-in API latency (${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'})`,
        '',
        `${options.participants.toLocaleString('en')} active participants; ${options.concurrency} requests in flight; ` +
          `${samples.length.toLocaleString('en')} check-ins measured over ${options.seconds} s ` +
          `(${Math.round(samples.length / options.seconds)}/s); ${rows.rows[0]!.n} rows written in all.`,
        '',
        '| p50 | p95 | p99 | max |',
        '| --- | --- | --- | --- |',
        `| ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 95))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted[sorted.length - 1]!)} |`,
        '',
      ].join('\n'),
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await deleteOurKeys();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
