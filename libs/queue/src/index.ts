export {
  assertEveryJobHandled,
  type JobContext,
  type JobData,
  type JobHandler,
  type JobHandlers,
  JobName,
  type JobOrigin,
  type JobPayloads,
  QUEUE_OF,
  QueueName,
} from './job-contract';
export { type DispatchHealth, JobRepository, type SendClaim } from './job.repository';
export { QueueModule } from './queue.module';
export {
  assertNoEviction,
  connectRedis,
  createRedis,
  RedisUnavailableError,
  type RedisTimeouts,
} from './redis-connection';
export { UnrecoverableError } from 'bullmq';
export { JobSettled } from './job-settled';
