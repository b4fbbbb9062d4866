import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDataSource, runMigrations } from '@retrowalk/persistence';
import { Client } from 'pg';

/** Shared by the benchmark scripts: a throwaway database, freshly migrated, and a pg client. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and recreates the database named in `databaseUrl`, then runs every migration. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Database name "${name}" must be letters, digits or _`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  // The migration lock holds one connection while the migrations use another: two at least.
  const dataSource = await createDataSource({ databaseUrl, poolSize: 2 }).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The built API as its own process, as in production (`node dist/apps/api/src/main.js`). */
export function startApiProcess(options: {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}): ChildProcess {
  return spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: options.redisPrefix,
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      // Any free operations port: a bench api must not clash with one already running here.
      OPS_PORT: '0',
      PUBLIC_BASE_URL: `http://127.0.0.1:${options.port}`,
      // A benchmark sends thousands of requests a minute with one key: measured, not limited (each
      // request still makes its rate-limit call to Redis, as in production).
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_REPORTS_PER_MINUTE: '1000000',
      RATE_LIMIT_PAGES_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once the API on this port says it is ready (Postgres and Redis answer). */
export async function waitUntilApiReady(port: number, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`The API did not become ready within ${seconds} s`);
}
