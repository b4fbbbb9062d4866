import { type FastifyInstance } from 'fastify';
import { acceptedMediaTypes } from './accepts.decorator';
import { contentTypeProblem, hasRequestBody } from './content-type';
import { CSV_BODY } from './media-types';

// Fastify never reads a body for these (see its handle-request), so neither does the gate.
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE']);

/**
 * What the API reads from request bodies, route by route. Nest registers JSON and form parsers for
 * every route; this adds the CSV and multipart ones, and a gate in front of all parsers that answers
 * 415 (naming what the route takes) to a body a route does not take, so each parser only ever runs
 * on the routes that declared it with `@Accepts`.
 */
export function installBodyHandling(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.is404 || BODYLESS_METHODS.has(request.method)) return;
    const problem = contentTypeProblem(
      request.headers['content-type'],
      hasRequestBody(request.headers),
      acceptedMediaTypes(request.routeOptions.config),
    );
    if (problem) throw problem;
  });
  // RFC 8058 allows one-click unsubscribe as multipart/form-data; the body itself is not needed.
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  // A CSV import is read as a stream (never buffered into one string), so the body limit does not
  // apply to it; the import service enforces its own limit (IMPORT_MAX_BYTES, 50 MB) as it reads.
  fastify.addContentTypeParser([...CSV_BODY], (_req, payload, done) => done(null, payload));
}
