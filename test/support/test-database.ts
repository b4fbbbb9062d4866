import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';

const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN_DATABASE_URL = BASE_URL;
// One template per checkout, so two clones (a CI run beside a working copy) never drop each other's.
export const TEMPLATE_DATABASE = `retrowalk_test_template_${createHash('sha1')
  .update(process.cwd())
  .digest('hex')
  .slice(0, 8)}`;

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** One short connection to a database of the test server (the admin database unless told). */
export async function withAdmin<T>(
  work: (client: Client) => Promise<T>,
  url = ADMIN_DATABASE_URL,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A private, migrated database for one test file, copied from the template global setup made. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `retrowalk_test_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails if another session is copying the same template at once.
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
      break;
    } catch (error) {
      if (attempt >= 20 || !String((error as Error).message).includes('is being accessed by other users'))
        throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    name,
    url: ADMIN_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A Redis key prefix of this file's own, so parallel files never see each other's queues. */
export function uniqueRedisPrefix(): string {
  return `rwtest-${randomBytes(5).toString('hex')}`;
}
