/**
 * CSV import benchmark:  npm run bench:import -- [--rows 100000] [--pace 100]
 *
 * Generates a CSV of N rows (about one in 400 malformed on purpose, in known ways), uploads it to the
 * real API over HTTP as a stream, lets the real worker process it, and reports: upload time (until
 * the 202), processing time, rows per second, and the peak resident memory of this process, which
 * runs both the API and the worker. Then it checks the import's per-row errors against the rows it
 * broke, that nothing was enrolled twice, and that no minute got more confirmations than the pace.
 *
 * Own database (dropped and recreated each run) and own Redis prefix (its keys deleted at the end).
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/retrowalk_bench_import),
 * REDIS_URL (default redis://127.0.0.1:6379). Markdown results on stdout, progress on stderr.
 */
import 'reflect-metadata';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { freemem, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { OrganizationService } from '@retrowalk/application';
import { loadConfig } from '@retrowalk/config';
import { JsonLogger } from '@retrowalk/http';
import { createDataSource, runMigrations } from '@retrowalk/persistence';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { createApiApp } from '../apps/api/src/create-api-app';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench_import';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'rwbench-import';
const PORT = 39_517;

const HEADER =
  'email,firstName,timezone,reminderDays,reminderTime,audience,externalId,' +
  'severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance';
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', ''];

interface ExpectedError {
  row: number;
  field: string;
}

/** Row i (spreadsheet numbering: data starts at row 2) and the error it should raise, if any. */
function line(i: number): { text: string; error: ExpectedError | null } {
  const n = i - 1;
  const zone = ZONES[n % ZONES.length] as string;
  const good = [
    `p${n}@bench.test`,
    `P${n}`,
    zone,
    n % 3 ? 'mon wed fri' : '',
    n % 2 ? '07:30' : '',
    'general',
    `ext-${n}`,
  ];
  const answers = ['no', 'no', 'no', 'no', n % 17 === 0 ? 'yes' : 'no', 'no'];
  if (n % 1000 === 7)
    return { text: ['bad-email', ...good.slice(1), ...answers].join(','), error: { row: i, field: 'email' } };
  if (n % 1000 === 501) {
    const row = [...good];
    row[2] = 'Atlantis/Capital';
    return { text: [...row, ...answers].join(','), error: { row: i, field: 'timezone' } };
  }
  if (n % 2500 === 3) {
    const missing = [...answers];
    missing[3] = '';
    return { text: [...good, ...missing].join(','), error: { row: i, field: 'vertigo' } };
  }
  if (n % 5000 === 4999) {
    // Repeats the email of the row before it, with another externalId.
    const row = [...good];
    row[0] = `P${n - 1}@bench.test`;
    return { text: [...row, ...answers].join(','), error: { row: i, field: 'email' } };
  }
  return { text: [...good, ...answers].join(','), error: null };
}

async function writeCsv(path: string, rows: number): Promise<ExpectedError[]> {
  const out = createWriteStream(path);
  const expected: ExpectedError[] = [];
  out.write(`${HEADER}\r\n`);
  for (let i = 2; i <= rows + 1; i++) {
    const { text, error } = line(i);
    if (error) expected.push(error);
    if (!out.write(`${text}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return expected;
}

async function recreateDatabase(): Promise<void> {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Database name "${name}" must be letters, digits or _`);
  const admin = new URL(DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const dataSource = await createDataSource({ databaseUrl: DATABASE_URL, poolSize: 2 }).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
}

async function deleteOurKeys(): Promise<void> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 3 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${REDIS_PREFIX}}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '100000' }, pace: { type: 'string', default: '100' } },
    strict: true,
  });
  const rows = Number(values.rows);
  const pace = Number(values.pace);
  if (!Number.isInteger(rows) || rows < 1 || rows > 200_000) throw new Error('--rows must be 1-200000');
  const dir = mkdtempSync(join(tmpdir(), 'rw-import-bench-'));
  const file = join(dir, 'people.csv');
  const expected = await writeCsv(file, rows);
  say(`wrote ${rows} rows (${mib(statSync(file).size)}), ${expected.length} malformed on purpose`);

  await recreateDatabase();
  await deleteOurKeys();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX,
    PORT: String(PORT),
    PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`,
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    WORKER_PORT: '0',
    // Confirmations are paced over hours; keep the dispatcher out of the measurement.
    DISPATCH_INTERVAL_MS: '600000',
    MAIL_FROM: 'Retrowalk <coach@retrowalk.test>',
    // Polled and paged as fast as it answers: measured, not rate-limited.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const logger = (service: string) => new JsonLogger(service, 'warn', (l) => process.stderr.write(`${l}\n`));
  const api = await createApiApp(config, logger('api'));
  await api.listen({ port: PORT, host: '127.0.0.1' });
  const worker = await createWorkerApp(config, logger('worker'));
  await worker.init();
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const baselineRss = process.memoryUsage().rss;
  try {
    const { organizationId, apiKey } = await api.get(OrganizationService).create({
      name: 'Bench Wellbeing',
      coachEmail: 'coach@bench.test',
    });
    await db.query(
      `UPDATE organizations SET default_timezone = 'Europe/Berlin', import_confirmations_per_minute = $2
       WHERE id = $1`,
      [organizationId, pace],
    );

    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(file)),
      duplex: 'half',
    });
    const accepted = (await response.json()) as { id: string; rows: { total: number } };
    const uploadMs = performance.now() - started;
    if (response.status !== 202) throw new Error(`upload answered ${response.status}`);
    say(`202 after ${(uploadMs / 1000).toFixed(1)} s; processing`);

    let state: { status: string; rows: Record<string, number> };
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${PORT}/v1/imports/${accepted.id}?errorsLimit=0`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      state = (await res.json()) as typeof state;
      if (state.status === 'completed' || state.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const totalMs = performance.now() - started;
    clearInterval(sampler);

    // Every error the file should raise, and no other.
    const got: ExpectedError[] = [];
    for (let after = 0; ;) {
      const res = await fetch(
        `http://127.0.0.1:${PORT}/v1/imports/${accepted.id}?errorsAfterRow=${after}&errorsLimit=1000`,
        { headers: { authorization: `Bearer ${apiKey}` } },
      );
      const page = ((await res.json()) as { errors: { row: number; field: string }[] }).errors;
      if (page.length === 0) break;
      got.push(...page.map((e) => ({ row: e.row, field: e.field })));
      after = (page.at(-1) as { row: number }).row;
    }
    const key = (e: ExpectedError) => `${e.row}:${e.field}`;
    const missing = expected.filter((e) => !got.some((g) => key(g) === key(e)));
    const extra = got.filter((g) => !expected.some((e) => key(e) === key(g)));
    const enrolled = Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM enrollments`)).rows[0]?.n,
    );
    const busiest = Number(
      (
        await db.query<{ n: string }>(
          `SELECT coalesce(max(n), 0) AS n FROM (SELECT count(*) AS n FROM messages WHERE kind = 'confirm'
           GROUP BY date_trunc('minute', due_at)) m`,
        )
      ).rows[0]?.n,
    );
    const checks = [
      ['status completed', state.status === 'completed'],
      [`rows ${rows} = done`, state.rows.done === rows],
      [`${expected.length} per-row errors as expected`, missing.length === 0 && extra.length === 0],
      [`enrolled ${enrolled} = ${rows - expected.length}`, enrolled === rows - expected.length],
      [`busiest minute ${busiest} <= pace ${pace}`, busiest <= pace],
    ] as const;
    for (const [name, ok] of checks) say(`${ok ? 'ok  ' : 'FAIL'} ${name}`);

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      [
        `### CSV import (${cpus().length} x ${cpu}, Node ${process.version}, ${mib(freemem())} free)`,
        '',
        '| Rows | Malformed | File | Upload to 202 | Until completed | Rows/s | Peak RSS (api + worker) | RSS before |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        `| ${rows} | ${expected.length} | ${mib(statSync(file).size)} | ${(uploadMs / 1000).toFixed(1)} s | ` +
          `${(totalMs / 1000).toFixed(1)} s | ${Math.round(rows / (totalMs / 1000))} | ${mib(peakRss)} | ${mib(baselineRss)} |`,
        '',
      ].join('\n'),
    );
    if (checks.some(([, ok]) => !ok)) {
      say(
        `missing errors: ${JSON.stringify(missing.slice(0, 5))}, unexpected: ${JSON.stringify(extra.slice(0, 5))}`,
      );
      process.exitCode = 1;
    }
  } finally {
    clearInterval(sampler);
    await db.end();
    await worker.close();
    await api.close();
    await deleteOurKeys();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
