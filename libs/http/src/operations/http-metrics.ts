import { type Metrics } from '@retrowalk/observability';
import { type FastifyInstance } from 'fastify';

/** Methods Node's parser takes that we name; anything else is one label, so the series stay few. */
const NAMED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every answer of the public port by its route PATTERN (`/v1/enrollments/:id`,
 * `/p/check-in/:token`), never the address asked for: that holds ids and signed tokens, and one
 * series per address would grow without end. A request no route matched is `unmatched`.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: NAMED_METHODS.has(request.method) ? request.method : 'OTHER',
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
