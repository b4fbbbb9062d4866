import {
  currentRequestScope,
  isSaneRequestId,
  type RequestScope,
  traceHooks,
} from '@retrowalk/observability';
import { type Job, type QueueBaseOptions } from 'bullmq';
import { type JobOrigin } from './job-contract';

/** The request id of the work adding a job: a request's, or a running job's (a dispatch's sends). */
export function origin(): JobOrigin {
  const scope = currentRequestScope();
  return scope === undefined ? {} : { requestId: scope.requestId };
}

/**
 * The scope a job runs in: the request id it was added with, or, for a job no request caused (a
 * scheduler's tick), `job:<queue>:<job id>`; and its job id.
 */
export function scopeOf(job: Job): RequestScope {
  const given = (job.data as JobOrigin | undefined)?.requestId;
  const jobId = job.id === undefined ? undefined : String(job.id);
  const own = `job:${job.queueName}:${jobId ?? 'unknown'}`;
  const requestId = isSaneRequestId(given) ? given : isSaneRequestId(own) ? own : `job:${job.queueName}`;
  return jobId === undefined ? { requestId } : { requestId, jobId };
}

/** BullMQ's spans and the trace context carried in each job, when tracing is on; nothing when off. */
export function telemetry(): Pick<QueueBaseOptions, 'telemetry'> {
  const given = traceHooks.queueTelemetry;
  return given === undefined ? {} : { telemetry: given };
}
