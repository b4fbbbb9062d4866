import { type LoggerService } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { type AppConfig } from '@retrowalk/config';
import { createRedis } from '@retrowalk/queue';
import { WorkspaceAssets } from '../workspace/assets/workspace-assets';
import { limitClassOf, limitClassOfKey, limitOf, rateLimitKeyOf } from './rate-limit-rules';
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
  await app.register(fastifyRateLimit, {
    // No per-route hooks: one hook below picks the budget, so a 404 is counted too.
    global: false,
    redis,
    nameSpace: `${config.redisPrefix}:rate:`,
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

  const assets = app.get(WorkspaceAssets);
  fastify.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    const limitClass = limitClassOf(request.routeOptions.url ?? null, path);
    if (limitClass === null) return;
    const result = await count(request);
    if (result.isAllowed) return;
    const limit = limitOf(limitClass, limits);
    if (!result.isExceeded) {
      void reply.header('x-ratelimit-limit', limit).header('x-ratelimit-remaining', result.remaining);
      return;
    }
    const retryAfterSeconds = Math.max(1, result.ttlInSeconds);
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
  });
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
