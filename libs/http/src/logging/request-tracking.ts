import { type IncomingMessage } from 'node:http';
import { type Http2ServerRequest } from 'node:http2';
import { Logger } from '@nestjs/common';
import { acceptedRequestId, runInRequestScope, traceHooks } from '@retrowalk/observability';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Probes and scrapes come every few seconds: their access lines are debug, not info. */
const QUIET_ROUTE = /^\/(health\/|metrics$)/;

/**
 * Fastify's `genReqId`: the request's id is the caller's `X-Request-Id` when it is sane, else a new
 * UUID. Fastify makes it before routing, so even an answer from the router's error handler has it.
 */
export function requestIdOf(raw: IncomingMessage | Http2ServerRequest): string {
  return acceptedRequestId(raw.headers[REQUEST_ID_HEADER]);
}

/** What an access line says about one answered request. */
export interface AccessFields {
  method: string;
  /** The route's pattern (`/p/check-in/:token`), never the address: addresses hold link tokens. */
  route: string | null;
  status: number;
  durationMs: number;
  contentLength: number | null;
}

export function accessFieldsOf(request: FastifyRequest, reply: FastifyReply): AccessFields {
  const length = Number(reply.getHeader('content-length'));
  return {
    method: request.method,
    route: routeOf(request),
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    contentLength: Number.isFinite(length) ? length : null,
  };
}

function routeOf(request: FastifyRequest): string | null {
  // Fastify's not-found handler has a route object but no pattern of ours.
  const url = request.routeOptions?.url;
  return typeof url === 'string' && url !== '' && request.is404 !== true ? url : null;
}

/**
 * Every request gets an id (sent back as `X-Request-Id` on every answer, errors included), runs in
 * an async context that puts it on every log line written for it, and ends with one access line:
 * method, route pattern, status, duration and length; never the query string, never a header.
 * Install first, before any hook that may answer (the 415 of unread bodies).
 */
export function installRequestTracking(fastify: FastifyInstance): void {
  const logger = new Logger('Access');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    const route = routeOf(request);
    if (route !== null) traceHooks.nameServerSpan(request.method, route);
    // Everything after this hook (parsers, guards, handlers, their promises) inherits the scope.
    runInRequestScope({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const fields = accessFieldsOf(request, reply);
    const line = `${fields.method} ${fields.route ?? '(unmatched)'} ${fields.status}`;
    runInRequestScope({ requestId: request.id }, () => {
      if (fields.route !== null && QUIET_ROUTE.test(fields.route)) logger.debug(line, fields);
      else logger.log(line, fields);
    });
    done();
  });
}
