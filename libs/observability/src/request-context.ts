import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What ties a log line to the work it was written for: the request id of the HTTP request being
 * answered, or, in the worker, of the request that caused the job (else one the job makes up), and
 * the BullMQ job id while a job runs.
 */
export interface RequestScope {
  readonly requestId: string;
  readonly jobId?: string;
}

/** An id a client or proxy may hand us: short, and nothing a log line or header could be broken by. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<RequestScope>();

/** The incoming `X-Request-Id` when it is sane (one value, 1-128 of `[A-Za-z0-9._:-]`), else a new UUID. */
export function acceptedRequestId(header: unknown): string {
  return isSaneRequestId(header) ? header : randomUUID();
}

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value);
}

/** Runs `work` (and everything it starts, awaited or not) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the work running now, if any: undefined at start-up and in timers of no request. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
