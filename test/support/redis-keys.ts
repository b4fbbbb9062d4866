import IORedis from 'ioredis';

/**
 * Deletes what one test file left under its Redis prefix (`{prefix}…` for the queues, `prefix:…`
 * for the rate limits), a few hundred keys at a time: the shared Redis of this machine is never
 * flushed, so each file tidies its own. A Redis that is gone (a fault test stopped its own) is
 * nothing to tidy.
 */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    for (const match of [`{${prefix}}*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } catch {
    // Unreachable or stopped: there is nothing of ours left to delete there.
  } finally {
    redis.disconnect();
  }
}
