import { type INestApplicationContext } from '@nestjs/common';
import { Metrics } from '@retrowalk/observability';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Readiness } from '../health/readiness';
import { installRequestTracking, requestIdOf } from '../logging/request-tracking';

/** A scrape or a readiness probe is small and quick; a dashboard page no more than a few seconds. */
const OPS_REQUEST_TIMEOUT_MS = 30_000;

export interface OperationsServer {
  fastify: FastifyInstance;
  /** Listens; resolves with the port it got (for port 0). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The operations port of a process: `/health/live`, the detailed `/health/ready` and `/metrics`,
 * with no token (reach it only from the operators' network). A plain Fastify server beside the
 * Nest one, reading the same providers: it stays up through a shutdown, so it tells `stopping`
 * until the process exits. `extend` adds routes (the worker's queue dashboard).
 */
export async function createOperationsServer(
  app: INestApplicationContext,
  extend?: (fastify: FastifyInstance) => Promise<void>,
): Promise<OperationsServer> {
  const readiness = app.get(Readiness);
  const metrics = app.get(Metrics);
  const fastify = Fastify({
    logger: false,
    requestTimeout: OPS_REQUEST_TIMEOUT_MS,
    connectionTimeout: OPS_REQUEST_TIMEOUT_MS,
    genReqId: requestIdOf,
  });
  // Ids and access lines here too (probes and scrapes at debug): the dashboard's actions are logged.
  installRequestTracking(fastify);
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  fastify.get('/health/ready', async (_request, reply) => {
    const report = await readiness.report();
    return reply
      .code(report.status === 'ok' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  });
  fastify.get('/metrics', async (_request, reply) => {
    const text = await metrics.scrape();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
  });
  fastify.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(errorBody('not_found', 'Nothing here.')),
  );
  fastify.setErrorHandler((error: FastifyError, _request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return reply
      .code(status)
      .send(
        errorBody(
          status === 500 ? 'internal_error' : 'bad_request',
          status === 500 ? 'Something went wrong.' : error.message,
        ),
      );
  });
  if (extend) await extend(fastify);
  return {
    fastify,
    async listen(port, host) {
      await fastify.listen({ port, host });
      const address = fastify.server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    close: () => fastify.close(),
  };
}

function errorBody(code: string, message: string) {
  return { error: { code, message, details: null } };
}
