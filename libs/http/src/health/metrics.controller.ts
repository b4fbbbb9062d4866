import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { JobRepository } from '@retrowalk/queue';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Prometheus metrics: process figures plus the depth of each queue, read at scrape time. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();

  constructor(jobs: JobRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'retrowalk_' });
    new Gauge({
      name: 'retrowalk_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await jobs.counts().catch(() => null);
        if (!counts) return;
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    });
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
