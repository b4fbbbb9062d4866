import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { DomainError } from '@retrowalk/domain';
import { MessageDeliveryRepository, type UnfinishedMessage } from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { Clock, TestClock } from '../clock/clock';

// A walk through weeks takes a few hundred steps at most; far more means something loops.
const MAX_STEPS = 5000;
const POLL_MS = 20;
const RENUDGE_MS = 1000;
/** The stuck messages an answer names; the count says how many more there are. */
const REPORTED_STUCK = 50;

export interface ClockAdvance {
  now: Date;
  /** Messages sent between the old time and the new. */
  sent: number;
}

/**
 * Moves the shared test clock forward the way real time would: it stops at every instant the
 * schedule can move on its own (a message due, a retry's time, a lease running out), lets the worker
 * do what is due, then goes on. So a reminder chain over three weeks goes out one reminder at a time,
 * each with its own Date header, and a backoff or a dead worker's lease plays out in simulated time.
 * A message that makes no progress for `TEST_CLOCK_STALL_MS` (a hung SMTP server, no worker) does not
 * hold the clock: it moves on, and the answer names what was not delivered and why.
 */
@Injectable()
export class TestClockService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly delivery: MessageDeliveryRepository,
    private readonly jobs: JobRepository,
  ) {}

  async now(): Promise<Date> {
    await this.clock.refresh();
    return this.clock.now();
  }

  async advanceTo(target: Date): Promise<ClockAdvance> {
    const clock = this.testClock();
    await clock.refresh();
    const start = clock.now();
    let cursor = start;
    if (target.getTime() < cursor.getTime()) {
      throw new DomainError('clock_backwards', 'The test clock only moves forward.', [
        { field: 'now', message: `must not be before the current test time ${cursor.toISOString()}` },
      ]);
    }
    for (let step = 0; step < MAX_STEPS; step++) {
      await this.drain(cursor);
      const next = await this.delivery.nextEventBetween(cursor, target);
      if (next === null) break;
      cursor = next;
      await clock.set(cursor);
    }
    await clock.set(target);
    await this.drain(target);
    const sent = await this.delivery.countSentBetween(start, target);
    const stuck = await this.delivery.unfinishedDueBy(target, REPORTED_STUCK);
    if (stuck.length > 0) {
      const total = await this.delivery.countUnfinishedDueBy(target);
      throw new DomainError(
        'test_clock_timeout',
        `The clock is at ${target.toISOString()}, but ${total} message(s) due by then were not delivered ` +
          `(${sent} were sent). Is a worker running with TEST_CLOCK=enabled against the same database and Redis?`,
        { now: target.toISOString(), sent, notDelivered: total, messages: stuck.map(describeStuck) },
      );
    }
    return { now: target, sent };
  }

  /**
   * Waits while what is due by `at` gets delivered. Gives up waiting once nothing has moved for the
   * stall time: the walk goes on, and leases and retry times then play out in simulated time.
   */
  private async drain(at: Date): Promise<void> {
    let lastNudge = 0;
    let lastProgress = Date.now();
    let seen = '';
    for (;;) {
      const progress = await this.delivery.progressDueBy(at);
      if (progress.unfinished === 0) return;
      if (progress.fingerprint !== seen) {
        seen = progress.fingerprint;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > this.config.testClockStallMs) {
        return;
      }
      if (Date.now() - lastNudge >= RENUDGE_MS) {
        await this.jobs.nudgeDispatch().catch(() => undefined);
        lastNudge = Date.now();
      }
      await sleep(POLL_MS);
    }
  }

  private testClock(): TestClock {
    if (!(this.clock instanceof TestClock)) {
      throw new Error('The test clock is not enabled (TEST_CLOCK=enabled)');
    }
    return this.clock;
  }
}

function describeStuck(m: UnfinishedMessage) {
  const lease = m.leaseUntil ? ` (lease until ${m.leaseUntil.toISOString()})` : '';
  const why =
    m.status === 'sending'
      ? `a worker started sending it and has not finished${lease}`
      : m.status === 'queued'
        ? `claimed and waiting for a worker${lease}`
        : 'due, but no dispatcher claimed it';
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    dueAt: m.dueAt.toISOString(),
    attempts: m.attempts,
    why: m.lastError ? `${why}; last error: ${m.lastError}` : why,
  };
}
