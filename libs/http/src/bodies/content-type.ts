import { DomainError } from '@retrowalk/domain';
import { ACCEPTED_CHARSETS } from './media-types';

export interface ParsedContentType {
  /** type/subtype, lower case. */
  mediaType: string;
  /** The charset parameter, lower case, when there is one. */
  charset: string | null;
}

const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

/** Reads a Content-Type header as RFC 9110 writes it; null when it is not one. */
export function parseContentType(header: string): ParsedContentType | null {
  const [type = '', ...parameters] = header.split(';');
  const [main, sub, ...rest] = type.trim().toLowerCase().split('/');
  if (main === undefined || sub === undefined || rest.length > 0 || !TOKEN.test(main) || !TOKEN.test(sub)) {
    return null;
  }
  let charset: string | null = null;
  for (const parameter of parameters) {
    const match = /^\s*([\w!#$%&'*+.^`|~-]+)\s*=\s*("?)([^"]*)\2\s*$/.exec(parameter);
    if (!match) continue;
    if (match[1]!.toLowerCase() === 'charset') charset = match[3]!.toLowerCase();
  }
  return { mediaType: `${main}/${sub}`, charset };
}

/** Whether a request carries a body, as Node and Fastify decide it. */
export function hasRequestBody(headers: {
  'content-length'?: string;
  'transfer-encoding'?: string;
}): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Why a route refuses what a request sends (415 naming what it takes), or null when it may go on to
 * the body parser. A request without a body passes whatever it says; one with a body must say what
 * it is, in a media type and charset the route reads.
 */
export function contentTypeProblem(
  header: string | undefined,
  hasBody: boolean,
  accepts: readonly string[],
): DomainError | null {
  if (header === undefined) {
    return hasBody ? refusal(accepts, 'the request has a body but no Content-Type') : null;
  }
  const parsed = parseContentType(header);
  if (parsed === null) return refusal(accepts, 'the request has an unreadable Content-Type');
  if (!accepts.includes(parsed.mediaType)) {
    const shown = parsed.mediaType.length <= 80 ? parsed.mediaType : `${parsed.mediaType.slice(0, 80)}...`;
    return refusal(accepts, `the request sent ${shown}`);
  }
  if (parsed.charset !== null && !ACCEPTED_CHARSETS.includes(parsed.charset)) {
    return refusal(accepts, 'the body must be UTF-8');
  }
  return null;
}

function refusal(accepts: readonly string[], why: string): DomainError {
  const takes = accepts.join(' or ');
  return new DomainError('unsupported_media_type', `This route takes ${takes} (UTF-8); ${why}.`, [
    { field: 'Content-Type', message: `must be ${takes}` },
  ]);
}
