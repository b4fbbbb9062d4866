import { type LoggerService } from '@nestjs/common';
import { type AppConfig } from '@retrowalk/config';
import {
  createDataSource,
  ensureDatabaseExists,
  explainPostgresError,
  runMigrations,
} from '@retrowalk/persistence';
import { assertNoEviction, connectRedis, createRedis } from '@retrowalk/queue';

/**
 * Before either app starts: the database exists and is migrated, and Redis answers. Each failure
 * says which service, at which address, and how to start it.
 */
export async function prepareInfrastructure(config: AppConfig, logger: LoggerService): Promise<void> {
  await ensureDatabaseExists(config.databaseUrl);
  if (config.migrateOnStart) {
    const dataSource = createDataSource({ databaseUrl: config.databaseUrl, poolSize: 2 });
    try {
      await dataSource.initialize();
    } catch (error) {
      throw explainPostgresError(config.databaseUrl, error);
    }
    try {
      const applied = await runMigrations(dataSource);
      if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`, 'Bootstrap');
    } finally {
      await dataSource.destroy();
    }
  }
  const redis = createRedis(config.redisUrl, 'producer', config.redisTimeouts);
  await connectRedis(redis, config.redisUrl);
  try {
    const policy = await assertNoEviction(redis).catch(() => null);
    if (policy !== null) {
      logger.warn(
        `Redis maxmemory-policy is "${policy}"; use "noeviction" so queued jobs are never evicted.`,
        'Bootstrap',
      );
    }
  } finally {
    redis.disconnect();
  }
}
