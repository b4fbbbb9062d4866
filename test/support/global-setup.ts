// Jest's globalSetup does not see moduleNameMapper, so these come by path (and need no Nest).
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ensureDatabaseExists, runMigrations } from '../../libs/persistence/src/database-bootstrap';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, TEMPLATE_DATABASE } from './test-database';

/**
 * Once per run: a freshly migrated template database. Each test file then copies it
 * (CREATE DATABASE ... TEMPLATE), which takes milliseconds and isolates files from each other.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [TEMPLATE_DATABASE],
    );
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = ADMIN_DATABASE_URL.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`);
  await ensureDatabaseExists(url);
  const dataSource = createDataSource({ databaseUrl: url, poolSize: 2 });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
