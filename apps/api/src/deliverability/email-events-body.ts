import { type FastifyInstance, type FastifyRequest } from 'fastify';

/** The routes providers and MTAs post to: no API key, so their bodies are held to tight limits. */
export const EMAIL_EVENTS_PREFIX = '/v1/email-events';

/** What each route takes. SNS posts its JSON as text/plain; an MTA pipes a DSN as message/rfc822. */
export const EMAIL_EVENTS_CONTENT_TYPES = {
  events: ['application/json', 'text/plain'],
  dsn: ['message/rfc822', 'multipart/report'],
} as const;

/** SNS messages are at most 256 KB; a DSN returning a weekly summary's headers is far smaller. */
export const EMAIL_EVENTS_BODY_LIMIT = 256 * 1024;

/** `body` is the exact bytes sent; `sentContentType` the Content-Type they came with. */
export type RawBodyRequest = FastifyRequest & { body?: unknown; sentContentType?: string };

/**
 * The type these routes' bodies are handed to their one parser under: none of the app's parsers
 * (JSON included) ever sees them, so a signature is checked on the exact bytes before anything is
 * parsed, and malformed JSON is this app's 400 after authentication, not the framework's before.
 */
const RAW_EVENT_BODY = 'application/x.retrowalk-email-event';

/**
 * Body handling of the email events routes, kept apart from everyone else's: at most
 * EMAIL_EVENTS_BODY_LIMIT (413), as raw bytes. Which content types each takes is declared on the
 * route (`@Accepts`), so the app's one gate answers 415 to anything else before this runs.
 * Call before the app initialises (it hooks route registration).
 */
export function registerEmailEventsBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (!(route.url ?? '').startsWith(EMAIL_EVENTS_PREFIX)) return;
    route.bodyLimit = EMAIL_EVENTS_BODY_LIMIT;
    const takeRaw = async (request: RawBodyRequest) => {
      request.sentContentType = request.headers['content-type'];
      request.headers['content-type'] = RAW_EVENT_BODY;
    };
    route.onRequest = [...asArray(route.onRequest), takeRaw] as typeof route.onRequest;
  });
  fastify.addContentTypeParser(RAW_EVENT_BODY, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
