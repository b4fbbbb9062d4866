import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { runInRequestScope } from '@retrowalk/observability';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { JobSettled } from './job-settled';
import { liveSendJobIds } from './send-job-liveness';
import type IORedis from 'ioredis';
import {
  assertEveryJobHandled,
  type JobData,
  type JobHandlers,
  JobName,
  type JobPayloads,
  QUEUE_OF,
  QueueName,
} from './job-contract';
import { origin, scopeOf, telemetry } from './job-scope';
import { connectRedis, createRedis } from './redis-connection';

/** One claim of one scheduled row (the same shape the persistence layer gives a claim). */
export interface SendClaim {
  id: string;
  claim: number;
  /** Its place in line (MESSAGE_POLICIES[kind].priority): 0 first (safety), higher later. */
  priority?: number;
}

const IMPORT_ATTEMPTS = 5;
const DISPATCH_SCHEDULER_ID = 'dispatch-due-messages';
/** One job per import: a repeated enqueue (upload, CLI, sweeper) finds the job already there. */
const importJobId = (importId: string): string => `import-${importId}`;
/** One job per claim: a new claim of the same row is a new job, whatever BullMQ keeps of the old. */
const sendJobId = ({ id, claim }: SendClaim): string => `${id}.${claim}`;
/** A failed send job is kept a day for people to read; its row is back in the schedule anyway. */
const FAILED_SEND_JOBS_KEPT_S = 24 * 3600;

/** What the watchdog found when it looked at the dispatcher's Redis state. */
export type DispatchHealth = 'ok' | 'scheduler_reinstalled' | 'redis_data_lost';

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
  /**
   * The Redis "epoch" this process has seen and recovered from; a different or missing one means
   * Redis lost its data since. `lastEpoch` is the newest read, accepted once the queues are rebuilt.
   */
  private epoch: string | null = null;
  private lastEpoch: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.producer = createRedis(config.redisUrl, 'producer', config.redisTimeouts);
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

  /** Hands claimed rows to the send workers, one job per claim. */
  async enqueueSends(claims: readonly SendClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.queue(QueueName.Send).addBulk(
      claims.map((claim) => ({
        name: JobName.SendMessage,
        data: { messageId: claim.id, claim: claim.claim, ...origin() } satisfies JobData<JobName.SendMessage>,
        opts: {
          jobId: sendJobId(claim),
          // 0 is BullMQ's plain waiting list, served before every prioritised job.
          ...(claim.priority ? { priority: claim.priority } : {}),
          attempts: this.config.sendAttempts,
          backoff: { type: 'exponential', delay: this.config.sendRetryDelayMs },
          removeOnComplete: true,
          removeOnFail: { age: FAILED_SEND_JOBS_KEPT_S },
        },
      })),
    );
  }

  /** The claims whose send job will still run (waiting, delayed, or running under a live worker). */
  liveSendJobs(claims: readonly SendClaim[]): Promise<Set<string>> {
    return liveSendJobIds(this.queue(QueueName.Send), this.producer, claims.map(sendJobId));
  }

  static sendJobId(claim: SendClaim): string {
    return sendJobId(claim);
  }

  /**
   * Drops every send job these rows have had (one per claim up to the current one): waiting,
   * delayed or kept after failing. A job that is running right now is locked and stays; its row is
   * already cancelled, so it finds nothing to send. Returns how many jobs were removed.
   */
  async removeSendJobs(claims: readonly SendClaim[]): Promise<number> {
    const queue = this.queue(QueueName.Send);
    const ids = claims.flatMap(({ id, claim }) =>
      Array.from({ length: Math.min(claim, 50) }, (_, n) => sendJobId({ id, claim: claim - n })),
    );
    let removed = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const results = await Promise.all(ids.slice(i, i + 100).map((id) => queue.remove(id)));
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
      { importId, ...origin() } satisfies JobData<JobName.ProcessImport>,
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
      { trigger: 'nudge', ...origin() } satisfies JobData<JobName.DispatchDueMessages>,
      { jobId: `nudge-${randomUUID()}`, removeOnComplete: true, removeOnFail: true },
    );
  }

  /**
   * One BullMQ job scheduler drives the dispatcher: no per-participant repeatable jobs. It is put
   * back whenever the connection comes back (a restarted Redis), and the watchdog puts it back when
   * a flush removed it without dropping the connection.
   */
  async ensureDispatchSchedule(everyMs: number): Promise<DispatchHealth> {
    if (!this.reinstallOnReconnect) {
      this.reinstallOnReconnect = () => {
        this.upsertDispatchScheduler(everyMs).catch((error: Error) =>
          this.logger.warn(`Could not reinstall the dispatch scheduler: ${error.message}`),
        );
      };
      this.producer.on('ready', this.reinstallOnReconnect);
    }
    await this.upsertDispatchScheduler(everyMs);
    const { epoch, created } = await this.readEpoch();
    // No epoch yet: a first start, or a Redis that lost its data while no worker was watching.
    if (!created) this.epoch = epoch;
    return created ? 'redis_data_lost' : 'ok';
  }

  /** The queues were rebuilt after a loss: the current epoch is the one this process now knows. */
  acceptRedisEpoch(): void {
    this.epoch = this.lastEpoch;
  }

  /** A tick ran: the watchdog reads this to tell a live scheduler from one whose next job is lost. */
  async markDispatchTick(): Promise<void> {
    await this.producer.set(this.key('last-tick'), String(Date.now()), 'PX', 24 * 3600_000);
  }

  /**
   * The watchdog's look at Redis, every few seconds. Redis that lost its data (restarted empty,
   * FLUSHALL, FLUSHDB, a failover to an empty replica) is told by the epoch key: missing, or not the
   * one this process saw. Then the scheduler is put back and the caller rebuilds the queues from
   * Postgres, then calls `acceptRedisEpoch` (until then every look reports the loss again). A
   * scheduler that is missing, or whose ticks stopped for `staleAfterMs`, is put back.
   */
  async checkDispatchSchedule(everyMs: number, staleAfterMs: number): Promise<DispatchHealth> {
    const { epoch } = await this.readEpoch();
    if (epoch !== this.epoch) {
      await this.upsertDispatchScheduler(everyMs);
      return 'redis_data_lost';
    }
    const queue = this.queue(QueueName.Dispatch);
    const [scheduler, lastTick] = await Promise.all([
      queue.getJobScheduler(DISPATCH_SCHEDULER_ID),
      this.producer.get(this.key('last-tick')),
    ]);
    const stale = lastTick !== null && Date.now() - Number(lastTick) > staleAfterMs;
    if (scheduler && !stale) return 'ok';
    if (scheduler) await queue.removeJobScheduler(DISPATCH_SCHEDULER_ID);
    await this.upsertDispatchScheduler(everyMs);
    return 'scheduler_reinstalled';
  }

  /** Reads the epoch, creating it if Redis has none (first start, or its data is gone). */
  private async readEpoch(): Promise<{ epoch: string; created: boolean }> {
    const key = this.key('epoch');
    const created = (await this.producer.set(key, randomUUID(), 'NX')) === 'OK';
    const epoch = await this.producer.get(key);
    if (epoch === null) throw new Error('Redis did not keep the epoch key');
    this.lastEpoch = epoch;
    return { epoch, created };
  }

  private key(name: string): string {
    return `${this.prefix}:retrowalk:${name}`;
  }

  private async upsertDispatchScheduler(everyMs: number): Promise<void> {
    await this.queue(QueueName.Dispatch).upsertJobScheduler(
      DISPATCH_SCHEDULER_ID,
      { every: everyMs },
      {
        name: JobName.DispatchDueMessages,
        data: { trigger: 'tick' } satisfies JobPayloads[JobName.DispatchDueMessages],
        // Each tick its own trace: without this, every tick would carry the context of the call that
        // installed the scheduler, and they would all be one trace that never ends.
        opts: { removeOnComplete: true, removeOnFail: 100, telemetry: { omitContext: true } },
      },
    );
  }

  /**
   * `sendRatePerSecond` caps sends across every worker of the fleet: BullMQ's limiter keeps its
   * count in Redis, per queue, so ten workers together still start at most that many a second.
   */
  startWorkers(
    handlers: Partial<JobHandlers>,
    options: { sendConcurrency: number; sendRatePerSecond?: number | null },
  ): void {
    assertEveryJobHandled(handlers);
    const run = async (job: Job): Promise<void> => {
      const name = job.name as JobName;
      if (!Object.values(JobName).includes(name) || String(QUEUE_OF[name]) !== job.queueName) {
        throw new UnrecoverableError(`Job ${job.name} does not belong on queue ${job.queueName}`);
      }
      const attempts = job.opts.attempts ?? 1;
      const context = { attempt: job.attemptsMade + 1, isFinalAttempt: job.attemptsMade + 1 >= attempts };
      const handler = handlers[name] as (payload: unknown, c: typeof context) => Promise<void>;
      const { requestId: _origin, ...payload } = job.data as { requestId?: string } & Record<string, unknown>;
      // The job's log lines (and the jobs it adds) carry the id of the request that caused it.
      await runInRequestScope(scopeOf(job), () => handler(payload, context));
    };
    const concurrency: Record<QueueName, number> = {
      // One dispatcher per worker process is enough: SKIP LOCKED spreads work across processes.
      [QueueName.Dispatch]: 1,
      [QueueName.Send]: options.sendConcurrency,
      // Imports are long and database-heavy; a few at a time per process leaves room for the rest.
      [QueueName.Imports]: 2,
    };
    for (const queueName of Object.values(QueueName)) {
      const connection = createRedis(this.config.redisUrl, 'worker', this.config.redisTimeouts);
      this.workerConnections.push(connection);
      const rate = queueName === QueueName.Send ? options.sendRatePerSecond : null;
      const worker = new Worker(queueName, run, {
        connection,
        ...telemetry(),
        prefix: this.prefix,
        concurrency: concurrency[queueName],
        ...(rate ? { limiter: { max: rate, duration: 1000 } } : {}),
      });
      worker.on('error', (error) => this.logger.warn(`Worker for ${queueName}: ${error.message}`));
      worker.on('failed', (job, error) => this.logFailure(job, error));
      this.workers.push(worker);
    }
  }

  /**
   * One line per failed attempt, with the error's stack in the line's `stack` field (redacted like
   * every line) and the job's request id: a warning while BullMQ will try again, an error after
   * the last try. A job that settled on purpose (`JobSettled`) is one warning, without a stack.
   */
  private logFailure(job: Job | undefined, error: Error): void {
    if (error instanceof JobSettled) {
      const settled = () =>
        this.logger.warn(`Job ${job?.name ?? '?'} ${job?.id ?? '?'} ended: ${error.message}`);
      if (job === undefined) settled();
      else runInRequestScope(scopeOf(job), settled);
      return;
    }
    const attempts = job?.opts.attempts ?? 1;
    const final = job === undefined || job.attemptsMade >= attempts || error instanceof UnrecoverableError;
    const text =
      `Job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'} of ${attempts}` +
      `${final ? ', the last' : ''}): ${error.message}`;
    const write = () => (final ? this.logger.error(text, error) : this.logger.warn(text, error));
    if (job === undefined) write();
    else runInRequestScope(scopeOf(job), write);
  }

  /** Jobs per queue and state; send jobs with a priority other than 0 wait in `prioritized`. */
  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const result = {} as Record<QueueName, Record<string, number>>;
    for (const name of Object.values(QueueName)) {
      result[name] = await this.queue(name).getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'failed',
      );
    }
    return result;
  }

  /**
   * Every queue, for the operators' dashboard only (it reads them and may retry or remove a job).
   * Safe because a job carries ids and the processor re-reads its row and checks its claim.
   */
  dashboardQueues(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  async ping(): Promise<void> {
    await this.producer.ping();
  }

  /**
   * Shutdown, first half: the workers take no new job and finish what they run, until `deadline`
   * (epoch ms). True when everything finished; false when jobs were still running at the deadline.
   */
  async stopWorkers(deadline: number): Promise<boolean> {
    if (this.workers.length === 0) return true;
    const closing = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const left = Math.max(0, deadline - Date.now());
    const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), left).unref());
    return Promise.race([closing, timedOut]);
  }

  /** Workers first (let running jobs finish, or drop them if told to), then queues, then connections. */
  async close(force = false): Promise<void> {
    if (this.reinstallOnReconnect) this.producer.off('ready', this.reinstallOnReconnect);
    // A forced close leaves running jobs to BullMQ's stalled check: another worker picks them up.
    await Promise.all(this.workers.map((w) => w.close(force)));
    this.workers.length = 0;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    for (const connection of this.workerConnections) connection.disconnect();
    this.workerConnections.length = 0;
    this.producer.disconnect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close(true);
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.producer,
        prefix: this.prefix,
        skipWaitingForReady: true,
        ...telemetry(),
      });
      queue.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
