import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A figure read at scrape time (a query, a call to Redis): bounded, and never allowed to throw. */
export type ScrapeCollector = () => Promise<void>;

/** How long a scrape-time read may take (Prometheus' own default scrape timeout is 10 s). */
export const COLLECT_TIMEOUT_MS = 2000;

/** `work`, or a rejection once `ms` have passed: a collector that times out resets its figures. */
export async function within<T>(work: Promise<T>, ms = COLLECT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds: an SMTP call is milliseconds on a relay, seconds on a slow server, 30 s at its socket timeout. */
const SEND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a send job is milliseconds, a dispatch tick up to seconds, an import batch run minutes. */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
/** Seconds: the check-in target is a p99 under 50 ms. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every application metric of one process, in one registry, named `retrowalk_*`. Labels are closed
 * sets (message kinds, job names, failure classes, route patterns): never an id, an address or a
 * token, so the number of series stays bounded and nothing personal leaves through a scrape.
 * Counters are incremented where a row's transition actually happened (its UPDATE matched), so a
 * redelivered job or a lost claim counts nothing.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  private readonly collectors: ScrapeCollector[] = [];

  readonly emailsSent = new Counter({
    name: 'retrowalk_emails_sent_total',
    help: 'Emails the SMTP server accepted and whose row was marked sent, by message kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly sendFailures = new Counter({
    name: 'retrowalk_email_send_failures_total',
    help: 'Transient send failures (each is retried), by message kind and reason class',
    labelNames: ['kind', 'reason'],
    registers: [this.registry],
  });

  readonly emailsBounced = new Counter({
    name: 'retrowalk_emails_bounced_total',
    help: 'Messages ended as bounced, by kind and source (smtp: refused when sent; event: a later bounce report)',
    labelNames: ['kind', 'source'],
    registers: [this.registry],
  });

  readonly emailsSuppressed = new Counter({
    name: 'retrowalk_emails_suppressed_total',
    help: 'Messages ended as suppressed (the address is on the organisation list), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly emailsExpired = new Counter({
    name: 'retrowalk_emails_expired_total',
    help: 'Messages ended as expired (too late to be useful), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly sendDuration = new Histogram({
    name: 'retrowalk_email_send_duration_seconds',
    help: 'Duration of the SMTP call of one send, by outcome (accepted, bounce, retry)',
    labelNames: ['outcome'],
    buckets: SEND_BUCKETS,
    registers: [this.registry],
  });

  readonly reschedules = new Counter({
    name: 'retrowalk_delivery_reschedules_total',
    help: 'Messages sent back to the schedule for later after their claim tries were spent, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  readonly claimRecoveries = new Counter({
    name: 'retrowalk_claim_recoveries_total',
    help: 'Lapsed claims found by the dispatcher: taken_over (claimer died or job lost) or extended (job still waiting)',
    labelNames: ['action'],
    registers: [this.registry],
  });

  readonly importRows = new Counter({
    name: 'retrowalk_import_rows_processed_total',
    help: 'CSV import rows processed, by outcome (enrolled, unchanged, failed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'retrowalk_job_duration_seconds',
    help: 'Duration of one BullMQ job attempt, by job name and outcome (completed, failed)',
    labelNames: ['job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'retrowalk_job_failures_total',
    help: 'BullMQ job attempts that threw, by job name (send jobs end so on purpose after a bounce or a reschedule)',
    labelNames: ['job'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'retrowalk_http_request_duration_seconds',
    help: 'Duration of HTTP requests on the public port, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  /** Set at scrape time; left without a value when Postgres did not answer (never a stale one). */
  readonly dispatchLag = new Gauge({
    name: 'retrowalk_dispatch_lag_seconds',
    help: 'Age of the oldest message that is due and not sent yet (pending or queued), by the application clock',
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'retrowalk_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read at scrape time (no series while Redis is unreachable)',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });

  readonly queueUp = new Gauge({
    name: 'retrowalk_queue_up',
    help: '1 when Redis answered the queue depth read of this scrape, else 0',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'retrowalk_' });
    // A gauge without labels starts at 0; before its first read there is no lag to tell, not a lag of 0.
    this.dispatchLag.remove();
  }

  /** Adds a figure read at each scrape, e.g. by a library above this one that owns the data. */
  onScrape(collector: ScrapeCollector): void {
    this.collectors.push(collector);
  }

  /** The Prometheus text of this process, after every scrape-time figure has been read. */
  async scrape(): Promise<string> {
    await Promise.all(this.collectors.map((collect) => this.bounded(collect)));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Seconds since `startedAt` (process.hrtime.bigint()). */
  static secondsSince(startedAt: bigint): number {
    return Number(process.hrtime.bigint() - startedAt) / 1e9;
  }

  private async bounded(collect: ScrapeCollector): Promise<void> {
    try {
      // Collectors bound their own reads (`within`) and reset their figures when a source is away;
      // this is only the last guard of the scrape itself.
      await within(collect(), COLLECT_TIMEOUT_MS + 500);
    } catch (error) {
      this.logger.debug(`A scrape-time figure was not read: ${(error as Error).message}`);
    }
  }
}
