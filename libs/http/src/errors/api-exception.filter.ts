import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type ErrorCode } from '@retrowalk/domain';
import { renderLinkProblemPage, renderResultPage } from '../pages';
import { unavailableService } from './unavailable-service';
import { type FastifyReply, type FastifyRequest } from 'fastify';

/** The one place where error codes become HTTP statuses. */
export const STATUS_OF: { readonly [C in ErrorCode]: number } = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  email_already_enrolled: 409,
  external_id_taken: 409,
  member_exists: 409,
  invalid_state: 409,
  link_invalid: 400,
  link_expired: 410,
  link_gone: 410,
  clock_backwards: 400,
  test_clock_timeout: 504,
  payload_too_large: 413,
  unsupported_media_type: 415,
  service_unavailable: 503,
};

/** What a client is told to wait before trying again while Postgres or Redis is away. */
export const RETRY_AFTER_SECONDS = 5;

const LINK_PROBLEM_OF = {
  link_invalid: 'invalid',
  link_expired: 'expired',
  link_gone: 'gone',
} as const;

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function toErrorResponse(exception: unknown): {
  status: number;
  body: ErrorBody;
  unexpected: boolean;
} {
  if (!(exception instanceof DomainError) && unavailableService(exception) !== null) {
    return toErrorResponse(
      new DomainError(
        'service_unavailable',
        'The service is briefly unavailable. Nothing was changed; please try again in a few seconds.',
      ),
    );
  }
  if (exception instanceof DomainError) {
    return {
      status: STATUS_OF[exception.code],
      body: { error: { code: exception.code, message: exception.message, details: exception.details } },
      unexpected: false,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : exception.message;
    return status >= 500
      ? internal()
      : {
          status,
          body: { error: { code: CODE_OF_STATUS[status] ?? 'bad_request', message, details: null } },
          unexpected: false,
        };
  }
  // Fastify's own 4xx errors: bad JSON, body too large, unknown content type.
  const fastify = exception as { statusCode?: number; message?: string; code?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    const message =
      status === 413
        ? 'The request body is too large.'
        : // The rate limits answer before this filter; any other 429 must not read as a bad request.
          status === 429
          ? 'Too many requests: please try again in a minute.'
          : status === 415
            ? 'Send the body as application/json.'
            : fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastify.message?.includes('JSON')
              ? 'The request body is not valid JSON.'
              : 'The request could not be read.';
    return {
      status,
      body: { error: { code: CODE_OF_STATUS[status] ?? 'bad_request', message, details: null } },
      unexpected: false,
    };
  }
  return internal();
}

function internal() {
  return {
    status: 500,
    body: {
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. Please try again.',
        details: null,
      },
    },
    unexpected: true,
  };
}

/**
 * Every error leaves in one shape: JSON `{ error: { code, message, details } }` for the API, a plain
 * page for participant links. A stack trace goes to the log, never to the caller.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, unexpected } = toErrorResponse(exception);
    if (status === 503) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      this.logger.warn(
        `${request.method} ${request.routeOptions?.url ?? ''}: ${unavailableService(exception) ?? 'service'} unavailable ` +
          `(${exception instanceof Error ? exception.message : String(exception)})`,
      );
    }
    if (unexpected) {
      this.logger.error(
        exception instanceof Error ? exception : String(exception),
        undefined,
        `${request.method} ${request.routeOptions?.url ?? ''}`,
      );
    }
    if (request.url.startsWith('/p/') || request.url.startsWith('/r/')) {
      const html =
        exception instanceof DomainError &&
        (exception.code === 'link_invalid' ||
          exception.code === 'link_expired' ||
          exception.code === 'link_gone')
          ? renderLinkProblemPage({
              kind: LINK_PROBLEM_OF[exception.code],
              forReport: request.url.startsWith('/r/'),
            })
          : status === 503
            ? renderResultPage({
                organizationName: 'Retrowalk',
                title: 'Please try again in a moment',
                heading: 'Please try again in a moment',
                message:
                  'We could not do that just now, and nothing was changed. Please try the link again in a minute.',
                tone: 'error',
              })
            : status < 500
              ? // A page only ever posts its own form: whatever else arrived was not sent by a person.
                renderResultPage({
                  organizationName: 'Retrowalk',
                  title: 'That did not work',
                  heading: 'We could not read that',
                  message: 'Please go back to the email, open the link again and use the button on the page.',
                  tone: 'warning',
                })
              : renderResultPage({
                  organizationName: 'Retrowalk',
                  title: 'Something went wrong',
                  heading: 'Something went wrong',
                  message: 'We could not do that just now. Please try the link again in a few minutes.',
                  tone: 'error',
                });
      void reply.status(status).header('content-type', 'text/html; charset=utf-8').send(html);
      return;
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
