import { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../logging/request-tracking';
import { renderLinkProblemPage } from '../pages';
import { type ErrorBody } from './api-exception.filter';

/**
 * Fastify's router refuses some addresses before any route runs: a part that is not valid
 * percent-encoded UTF-8 (`/p/confirm/%ED%A0%80`), or a parameter past its length limit. Left to
 * Fastify, those answer in its own shape; here they get ours, and a participant or report link
 * gets the "this link doesn't work" page, as any other damaged link does.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const url = request.raw.url ?? '';
  // No hook runs for these: the id Fastify gave the request is sent back here.
  void reply.header(REQUEST_ID_HEADER, request.id);
  if (url.startsWith('/p/') || url.startsWith('/r/')) {
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderLinkProblemPage({ kind: 'invalid', forReport: url.startsWith('/r/') }));
    return;
  }
  const body: ErrorBody = {
    error: {
      code: status === 414 ? 'uri_too_long' : 'bad_request',
      message:
        status === 414
          ? 'A part of the address is too long.'
          : 'The address is not valid: a part of it is not percent-encoded UTF-8.',
      details: null,
    },
  };
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
