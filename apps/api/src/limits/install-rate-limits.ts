import { type LoggerService } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type AppConfig } from '@retrowalk/config';
import { createRedis } from '@retrowalk/queue';
import { WorkspaceAssets } from '../workspace/assets/workspace-assets';
import { addressBucket, limitClassOf, limitClassOfKey, limitOf, rateLimitKeyOf } from './rate-limit-rules';
import { tooManyRequestsAnswer } from './too-many-requests';

/**
 * Each Redis call of the limiter gives up after this and the request goes on uncounted: a limiter
 * must never be why a request waits or fails (Redis away, stalled or slow means no limit for that
 * request, not a 5xx).
 */
const REDIS_COMMAND_TIMEOUT_MS = 500;
const WINDOW_MS = 60_000;

/**
 * Per-minute limits on every route but health and the test clock, counted in Redis (its own
 * connection, keys under `<REDIS_PREFIX>:rate:`) so every API process shares one count. Past a limit
 * the request is answered 429 at once, before any parser, guard or query runs: JSON in the one error
 * shape on the API, a short page on the participant, report and workspace pages.
 */
export async function installRateLimits(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: LoggerService,
): Promise<void> {
  const limits = config.limits.rateLimits;
  const redis = createRedis(config.redisUrl, 'producer', {
    connectMs: config.redisTimeouts.connectMs,
    commandMs: Math.min(REDIS_COMMAND_TIMEOUT_MS, config.redisTimeouts.commandMs),
  });
  // Said once per outage, not once per request; the requests themselves go on unlimited.
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Rate limits are off until Redis answers again (${error.message})`, 'RateLimits');
  });
  redis.on('ready', () => {
    if (down) logger.log('Rate limits are on again', 'RateLimits');
    down = false;
  });
  // Not awaited: the API starts (and serves, unlimited) while Redis is still out of reach.
  redis.connect().catch(() => undefined);

  const fastify = app.getHttpAdapter().getInstance();
  const nameSpace = `${config.redisPrefix}:rate:`;
  await app.register(fastifyRateLimit, {
    // No per-route hooks: one hook below picks the budget, so a 404 is counted too.
    global: false,
    redis,
    nameSpace,
    timeWindow: WINDOW_MS,
    max: (_request, key) => limitOf(limitClassOfKey(key), limits),
    keyGenerator: (request) =>
      rateLimitKeyOf(limitClassOf(request.routeOptions.url ?? null, pathOf(request.url)) ?? 'default', {
        path: pathOf(request.url),
        ip: request.ip,
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
      }),
    // Fail open: an error or a timeout from Redis lets the request through uncounted.
    skipOnError: true,
  });
  const count = fastify.createRateLimit();
  fastify.addHook('onClose', async () => {
    redis.disconnect();
  });

  // A key's budget is its own, so a client inventing a new key for each request would never run
  // out: refused keys (401) are also counted per address, and past the pages limit of refusals an
  // address is refused at once, whatever key it shows.
  const refusedKeysOf = (request: FastifyRequest) =>
    `${nameSpace}refused-keys:addr:${addressBucket(request.ip)}`;
  fastify.addHook('onResponse', async (request, reply) => {
    if (
      reply.statusCode !== 401 ||
      limitClassOf(request.routeOptions.url ?? null, pathOf(request.url)) === 'pages'
    )
      return;
    const key = refusedKeysOf(request);
    await redis
      .pipeline()
      .set(key, '0', 'PX', WINDOW_MS, 'NX')
      .incr(key)
      .exec()
      .catch(() => undefined);
  });

  const assets = app.get(WorkspaceAssets);
  const refuse = (reply: FastifyReply, path: string, retryAfterSeconds: number, limit: number) => {
    const answer = tooManyRequestsAnswer(path, { retryAfterSeconds, limit }, () => ({
      stylesheet: assets.href('workspace.css'),
      script: assets.href('workspace.js'),
    }));
    return reply
      .status(429)
      .header('retry-after', String(retryAfterSeconds))
      .header('x-ratelimit-limit', limit)
      .header('x-ratelimit-remaining', 0)
      .header('cache-control', 'no-store')
      .header('content-type', answer.contentType)
      .send(answer.body);
  };

  fastify.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    const limitClass = limitClassOf(request.routeOptions.url ?? null, path);
    if (limitClass === null) return;
    if (limitClass !== 'pages' && path.startsWith('/v1/') && request.headers.authorization !== undefined) {
      const refused = await redis
        .pipeline()
        .get(refusedKeysOf(request))
        .pttl(refusedKeysOf(request))
        .exec()
        .catch(() => null);
      if (refused && Number(refused[0]?.[1] ?? 0) >= limits.pagesPerMinute) {
        return refuse(
          reply,
          path,
          Math.max(1, Math.ceil(Number(refused[1]?.[1] ?? 0) / 1000)),
          limits.pagesPerMinute,
        );
      }
    }
    const result = await count(request);
    if (result.isAllowed) return;
    const limit = limitOf(limitClass, limits);
    if (!result.isExceeded) {
      void reply.header('x-ratelimit-limit', limit).header('x-ratelimit-remaining', result.remaining);
      return;
    }
    return refuse(reply, path, Math.max(1, result.ttlInSeconds), limit);
  });
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
