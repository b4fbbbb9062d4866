import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { type DispatchHealth, JobRepository } from '@retrowalk/queue';
import { ImportService } from '../imports/import.service';
import { DispatchService } from './dispatch.service';

/** How often each worker looks at the dispatcher's Redis state: ticks resume within a few seconds. */
const CHECK_EVERY_MS = 2000;
/** Ticks silent this long (and at least 10 intervals) mean the scheduler's next job is lost. */
const STALE_AFTER_MIN_MS = 10_000;

/**
 * Keeps the dispatcher ticking without outside help. Every worker looks every couple of seconds:
 * after Redis lost its data (restarted empty, FLUSHALL, FLUSHDB, failover) it puts the job scheduler
 * back and rebuilds the queues from Postgres; a scheduler that vanished or stopped ticking is put
 * back. The reconnect handler in JobRepository covers a restart that dropped the connection; this
 * covers the losses a connection never notices.
 */
@Injectable()
export class DispatchWatchdog {
  private readonly logger = new Logger(DispatchWatchdog.name);
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly dispatch: DispatchService,
    private readonly imports: ImportService,
  ) {}

  /** Installs the scheduler, rebuilds the queues if Redis has lost its data, then keeps watching. */
  async start(): Promise<void> {
    const health = await this.jobs.ensureDispatchSchedule(this.config.dispatchIntervalMs);
    // A rebuild that fails now (Postgres away) is tried again at the next look.
    await this.act(health).catch((error: Error) =>
      this.logger.warn(`Queues not rebuilt yet: ${error.message}`),
    );
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const staleAfter = Math.max(STALE_AFTER_MIN_MS, 10 * this.config.dispatchIntervalMs);
      await this.act(await this.jobs.checkDispatchSchedule(this.config.dispatchIntervalMs, staleAfter));
    } catch (error) {
      // Redis or Postgres is away; the next look, or the reconnect handler, puts things right.
      this.logger.debug(`Dispatcher check skipped: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private async act(health: DispatchHealth): Promise<void> {
    switch (health) {
      case 'ok':
        return;
      case 'scheduler_reinstalled':
        this.logger.warn('The dispatch scheduler was missing or had stopped ticking; it is back.');
        return;
      case 'redis_data_lost': {
        const requeued = await this.dispatch.rebuildQueues();
        const imports = await this.imports.requeueStalled(0);
        this.jobs.acceptRedisEpoch();
        if (requeued + imports.length > 0) {
          this.logger.warn(
            `Redis had lost its queues: ${requeued} message(s) and ${imports.length} import(s) queued again from Postgres.`,
          );
        }
        return;
      }
    }
  }
}
