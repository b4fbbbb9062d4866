import { Client } from 'pg';
import { type DataSource } from 'typeorm';

/** A start-up failure whose message tells a person what to do. */
export class ServiceUnavailableAtStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableAtStartError';
  }
}

const START_POSTGRES_HINT =
  'Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` ' +
  '(or `docker compose up -d postgres`), or point DATABASE_URL at a running server.';

function describe(url: URL): string {
  return `${url.hostname}:${url.port || '5432'}`;
}

export function explainPostgresError(databaseUrl: string, error: unknown): Error {
  const url = new URL(databaseUrl);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') {
    return new ServiceUnavailableAtStartError(
      `PostgreSQL is not reachable at ${describe(url)} (DATABASE_URL, ${code}). ${START_POSTGRES_HINT}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableAtStartError(
    `PostgreSQL at ${describe(url)} refused the connection (DATABASE_URL): ${message}`,
  );
}

/** Creates the database named in the URL when it does not exist yet (first run on a new machine). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z0-9_]+$/i.test(name)) {
    throw new ServiceUnavailableAtStartError(
      `DATABASE_URL: database name "${name}" must be letters, digits or _`,
    );
  }
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw explainPostgresError(databaseUrl, error);
  }
  try {
    const exists = async () =>
      ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0;
    if (!(await exists())) {
      await client.query(`CREATE DATABASE "${name}"`).catch(async (error: { code?: string }) => {
        // Processes starting together (api and workers) race to create it. The one that loses gets
        // 42P04 when the winner had committed, or 23505 on pg_database_datname_index when both were
        // inserting the catalogue row at once (it waits for the winner's commit, then fails). Either
        // way the database is there now; anything else, or no database after all, is a real failure.
        if ((error.code !== '42P04' && error.code !== '23505') || !(await exists())) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

// Any fixed number: it names the lock that keeps two starting processes from migrating at once.
// The lock holds one connection while the migrations use another: the pool needs two.
const MIGRATION_LOCK_KEY = 7_261_001;

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
