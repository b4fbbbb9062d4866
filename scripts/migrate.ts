import 'reflect-metadata';
import { reportStartFailure } from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { createDataSource, ensureDatabaseExists, runMigrations } from '@retrowalk/persistence';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  await ensureDatabaseExists(config.databaseUrl);
  const dataSource = await createDataSource({ databaseUrl: config.databaseUrl, poolSize: 2 }).initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => reportStartFailure('Migration', error));
