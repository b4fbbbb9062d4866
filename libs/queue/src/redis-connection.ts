import IORedis, { type RedisOptions } from 'ioredis';

export class RedisUnavailableError extends Error {
  constructor(redisUrl: string, cause: string) {
    const url = new URL(redisUrl);
    super(
      `Redis is not reachable at ${url.hostname}:${url.port || '6379'} (REDIS_URL, ${cause}). Start it with ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --appendonly yes --maxmemory-policy noeviction` ' +
        '(or `docker compose up -d redis`), or point REDIS_URL at a running server.',
    );
    this.name = 'RedisUnavailableError';
  }
}

export interface RedisTimeouts {
  connectMs: number;
  /** Per command, on producer connections only: BullMQ's blocking reads must be allowed to block. */
  commandMs: number;
}

/**
 * Producers fail fast when Redis is away (the schedule in Postgres is the truth and the dispatcher
 * catches up) and give up on a command that gets no answer; workers wait for ever, as BullMQ
 * requires (`maxRetriesPerRequest: null`), and BullMQ bounds their blocking reads itself.
 */
export function createRedis(redisUrl: string, role: 'producer' | 'worker', timeouts: RedisTimeouts): IORedis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: timeouts.commandMs };
  return new IORedis(redisUrl, {
    ...options,
    connectTimeout: timeouts.connectMs,
    keepAlive: 10_000,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export async function connectRedis(client: IORedis, redisUrl: string): Promise<void> {
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    const code =
      (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new RedisUnavailableError(redisUrl, code);
  }
}

/** Redis evicting BullMQ keys under memory pressure would silently lose jobs. */
export async function assertNoEviction(client: IORedis): Promise<string | null> {
  const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1] ?? 'unknown';
  return policy === 'noeviction' ? null : policy;
}
