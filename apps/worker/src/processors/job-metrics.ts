import { Metrics } from '@retrowalk/observability';
import { type JobHandlers, type JobName } from '@retrowalk/queue';

/**
 * Every handler timed in one place, by job name: one attempt's duration, and a failure count for
 * each attempt that threw (BullMQ then retries, or, for an UnrecoverableError, keeps the job as
 * failed). The handler's own error goes on unchanged.
 */
export function withJobMetrics(metrics: Metrics, handlers: JobHandlers): JobHandlers {
  const timed = <N extends JobName>(job: N, handler: JobHandlers[N]): JobHandlers[N] =>
    (async (payload, context) => {
      const started = process.hrtime.bigint();
      try {
        await handler(payload as never, context);
        metrics.jobDuration.observe({ job, outcome: 'completed' }, Metrics.secondsSince(started));
      } catch (error) {
        metrics.jobDuration.observe({ job, outcome: 'failed' }, Metrics.secondsSince(started));
        metrics.jobFailures.inc({ job });
        throw error;
      }
    }) as JobHandlers[N];
  const names = Object.keys(handlers) as JobName[];
  return Object.fromEntries(
    names.map((name) => [name, timed(name, handlers[name])]),
  ) as unknown as JobHandlers;
}
