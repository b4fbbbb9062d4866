export type UnavailableService = 'postgres' | 'redis';

// Socket-level codes that mean "the other side cannot be reached right now".
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs of a database that is away or shedding load, not of a bad query: connection exceptions
// (class 08), shutting down or starting up (57P0x), a statement or idle transaction cut by its
// timeout (57014, 25P03), too many connections (53300), and a transaction it ended to break a
// deadlock or a serialization conflict (40P01, 40001): rolled back, and tried again it goes through.
const POSTGRES_UNAVAILABLE = /^(08...|57P0[1-4]|57014|25P03|53300|40P01|40001)$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|connection timeout/i;
const REDIS_MESSAGES =
  /Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|Reached the max retries per request/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * Which backing service an error says is unreachable, if any: the API then answers 503 with
 * Retry-After rather than a 500. Errors from pg (raw or wrapped by TypeORM in `driverError`) and from
 * ioredis are told apart by their own markers; a bare network code is taken as the database's, since
 * every request needs Postgres and Redis is only used after commit, best effort.
 */
export function unavailableService(error: unknown, depth = 0): UnavailableService | null {
  if (typeof error !== 'object' || error === null || depth > 3) return null;
  const e = error as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'redis';
  if (POSTGRES_UNAVAILABLE.test(code) || PG_MESSAGES.test(message) || NETWORK_CODES.has(code)) {
    return 'postgres';
  }
  return unavailableService(e.driverError, depth + 1) ?? unavailableService(e.cause, depth + 1);
}
