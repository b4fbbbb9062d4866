import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import {
  assertEveryJobHandled,
  type JobHandlers,
  JobName,
  type JobPayloads,
  QUEUE_OF,
  QueueName,
} from './job-contract';
import { connectRedis, createRedis } from './redis-connection';

const SEND_ATTEMPTS = 8;
const IMPORT_ATTEMPTS = 5;
const DISPATCH_SCHEDULER_ID = 'dispatch-due-messages';
/** One job per import: a repeated enqueue (upload, CLI, sweeper) finds the job already there. */
const importJobId = (importId: string): string => `import-${importId}`;

/** The only class that talks to BullMQ. Everything else speaks the typed job contract. */
@Injectable()
export class JobRepository implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobRepository.name);
  private readonly producer: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: IORedis[] = [];
  private readonly prefix: string;
  private reinstallOnReconnect: (() => void) | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.producer = createRedis(config.redisUrl, 'producer');
    // Braces make a Redis Cluster hash tag: every key of a queue lands on one slot.
    this.prefix = `{${config.redisPrefix}}`;
  }

  /**
   * Connects, and creates every queue while Redis is known to answer: the producer connection does
   * not queue commands while Redis is away (callers fail fast and the schedule catches up instead).
   */
  async onModuleInit(): Promise<void> {
    await connectRedis(this.producer, this.config.redisUrl);
    for (const name of Object.values(QueueName)) this.queue(name);
  }

  get redis(): IORedis {
    return this.producer;
  }

  /** Hands claimed rows to the send workers; the row id is the job id, so a repeat is a no-op. */
  async enqueueSends(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.queue(QueueName.Send).addBulk(
      messageIds.map((messageId) => ({
        name: JobName.SendMessage,
        data: { messageId } satisfies JobPayloads[JobName.SendMessage],
        opts: {
          jobId: messageId,
          attempts: SEND_ATTEMPTS,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Drops the send jobs of these message rows (the row id is the job id): waiting, delayed or kept
   * after failing. A job that is running right now is locked and stays; its row is already
   * cancelled, so it finds nothing to send. Returns how many jobs were removed.
   */
  async removeSendJobs(messageIds: readonly string[]): Promise<number> {
    const queue = this.queue(QueueName.Send);
    let removed = 0;
    for (let i = 0; i < messageIds.length; i += 100) {
      const results = await Promise.all(messageIds.slice(i, i + 100).map((id) => queue.remove(id)));
      removed += results.reduce((sum, n) => sum + n, 0);
    }
    return removed;
  }

  /**
   * Hands a staged import to the workers. The job id is the import's, so a repeat while one waits is
   * a no-op; retries go on from the last committed batch.
   */
  async enqueueImport(importId: string): Promise<void> {
    await this.queue(QueueName.Imports).add(
      JobName.ProcessImport,
      { importId } satisfies JobPayloads[JobName.ProcessImport],
      {
        jobId: importJobId(importId),
        attempts: IMPORT_ATTEMPTS,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /**
   * Makes sure a job exists for an import the database says is unfinished; for the sweeper, which
   * calls it for imports that made no progress for a while. A waiting, delayed or running job is left
   * alone (the same job id makes the add a no-op). A job in the failed set (its attempts spent while
   * the import could not be marked failed, or stalled too often by dying workers) would make the add
   * a no-op forever, so it is removed first. Returns true when a new job was queued.
   */
  async requeueImport(importId: string): Promise<boolean> {
    const queue = this.queue(QueueName.Imports);
    const job = await queue.getJob(importJobId(importId));
    if (job) {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed') return false;
      await job.remove();
    }
    await this.enqueueImport(importId);
    return true;
  }

  /** Asks the dispatcher to look at the schedule now rather than at its next tick. */
  async nudgeDispatch(): Promise<void> {
    await this.queue(QueueName.Dispatch).add(
      JobName.DispatchDueMessages,
      { trigger: 'nudge' } satisfies JobPayloads[JobName.DispatchDueMessages],
      { jobId: `nudge-${randomUUID()}`, removeOnComplete: true, removeOnFail: true },
    );
  }

  /**
   * One BullMQ job scheduler drives the dispatcher: no per-participant repeatable jobs. It is put
   * back whenever the connection comes back, so a Redis that restarted empty still ticks.
   */
  async ensureDispatchSchedule(everyMs: number): Promise<void> {
    if (!this.reinstallOnReconnect) {
      this.reinstallOnReconnect = () => {
        this.upsertDispatchScheduler(everyMs).catch((error: Error) =>
          this.logger.warn(`Could not reinstall the dispatch scheduler: ${error.message}`),
        );
      };
      this.producer.on('ready', this.reinstallOnReconnect);
    }
    await this.upsertDispatchScheduler(everyMs);
  }

  private async upsertDispatchScheduler(everyMs: number): Promise<void> {
    await this.queue(QueueName.Dispatch).upsertJobScheduler(
      DISPATCH_SCHEDULER_ID,
      { every: everyMs },
      {
        name: JobName.DispatchDueMessages,
        data: { trigger: 'tick' } satisfies JobPayloads[JobName.DispatchDueMessages],
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }

  startWorkers(handlers: Partial<JobHandlers>, options: { sendConcurrency: number }): void {
    assertEveryJobHandled(handlers);
    const run = async (job: Job): Promise<void> => {
      const name = job.name as JobName;
      if (!Object.values(JobName).includes(name) || String(QUEUE_OF[name]) !== job.queueName) {
        throw new UnrecoverableError(`Job ${job.name} does not belong on queue ${job.queueName}`);
      }
      const attempts = job.opts.attempts ?? 1;
      const context = { attempt: job.attemptsMade + 1, isFinalAttempt: job.attemptsMade + 1 >= attempts };
      const handler = handlers[name] as (payload: unknown, c: typeof context) => Promise<void>;
      await handler(job.data, context);
    };
    const concurrency: Record<QueueName, number> = {
      // One dispatcher per worker process is enough: SKIP LOCKED spreads work across processes.
      [QueueName.Dispatch]: 1,
      [QueueName.Send]: options.sendConcurrency,
      // Imports are long and database-heavy; a few at a time per process leaves room for the rest.
      [QueueName.Imports]: 2,
    };
    for (const queueName of Object.values(QueueName)) {
      const connection = createRedis(this.config.redisUrl, 'worker');
      this.workerConnections.push(connection);
      const worker = new Worker(queueName, run, {
        connection,
        prefix: this.prefix,
        concurrency: concurrency[queueName],
      });
      worker.on('error', (error) => this.logger.warn(`Worker for ${queueName}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(`Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed: ${error.message}`),
      );
      this.workers.push(worker);
    }
  }

  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const result = {} as Record<QueueName, Record<string, number>>;
    for (const name of Object.values(QueueName)) {
      result[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
    }
    return result;
  }

  async ping(): Promise<void> {
    await this.producer.ping();
  }

  /** Workers first (let running jobs finish), then queues, then connections. */
  async close(): Promise<void> {
    if (this.reinstallOnReconnect) this.producer.off('ready', this.reinstallOnReconnect);
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    for (const connection of this.workerConnections) connection.disconnect();
    this.workerConnections.length = 0;
    this.producer.disconnect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer, prefix: this.prefix, skipWaitingForReady: true });
      queue.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
