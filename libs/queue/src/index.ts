export {
  assertEveryJobHandled,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  JobName,
  type JobPayloads,
  QUEUE_OF,
  QueueName,
} from './job-contract';
export { JobRepository } from './job.repository';
export { QueueModule } from './queue.module';
export { assertNoEviction, connectRedis, createRedis, RedisUnavailableError } from './redis-connection';
export { UnrecoverableError } from 'bullmq';
