import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { type ErrorBody } from './api-exception.filter';

const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'request_header_fields_too_large',
    message: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request took too long to arrive.',
  },
};
const UNREADABLE = { status: 400, code: 'bad_request', message: 'The request could not be read as HTTP.' };
// Helmet never sees these answers: the essentials of every other one, for a body that is JSON only.
const SECURITY_HEADERS =
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
  'X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n';

/**
 * Node's HTTP parser refuses some requests before Fastify or Nest see them (a malformed request
 * line, headers past the size limit, bytes after a request without framing). Fastify then writes an
 * answer of its own shape; this writes ours, `{ error: { code, message, details } }`, and closes.
 */
export function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = ANSWERS[error.code ?? ''] ?? UNREADABLE;
  const body = JSON.stringify({ error: { code, message, details: null } } satisfies ErrorBody);
  // An answer to HEAD carries no body: the client would read ours as the start of another answer.
  const toHead =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n${SECURITY_HEADERS}X-Request-Id: ${randomUUID()}\r\n` +
        `Connection: close\r\n\r\n${toHead ? '' : body}`,
    );
  }
  socket.destroy(error);
}
