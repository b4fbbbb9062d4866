import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageDeliveryRepository } from '@retrowalk/persistence';
import { Metrics, within } from '@retrowalk/observability';
import { JobRepository } from '@retrowalk/queue';
import { Clock } from '../clock/clock';

/**
 * The figures read at each scrape, in every process: the dispatch lag from Postgres (one indexed
 * step) and the depth of every queue from Redis. A source that does not answer in time leaves its
 * figures without a value (and `retrowalk_queue_up` at 0), never with the last values it gave:
 * a dashboard must not show a calm queue while Redis is gone.
 */
@Injectable()
export class ScrapeFigures implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly delivery: MessageDeliveryRepository,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(() => this.readDispatchLag());
    this.metrics.onScrape(() => this.readQueueDepths());
  }

  async readDispatchLag(): Promise<void> {
    try {
      await within(this.clock.refresh());
      const now = this.clock.now();
      const oldest = await within(this.delivery.oldestUnsentDueAt(now));
      this.metrics.dispatchLag.set(oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0);
    } catch {
      this.metrics.dispatchLag.remove();
    }
  }

  async readQueueDepths(): Promise<void> {
    try {
      const counts = await within(this.jobs.counts());
      this.metrics.queueJobs.reset();
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.metrics.queueJobs.set({ queue, state }, n);
      }
      this.metrics.queueUp.set(1);
    } catch {
      this.metrics.queueJobs.reset();
      this.metrics.queueUp.set(0);
    }
  }
}
