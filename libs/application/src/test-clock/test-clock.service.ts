import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';
import { MessageRepository } from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { Clock, TestClock } from '../clock/clock';

// A walk through weeks takes a few hundred steps at most; far more means something loops.
const MAX_STEPS = 5000;
const DRAIN_TIMEOUT_MS = 60_000;
const POLL_MS = 20;
const RENUDGE_MS = 1000;

/**
 * Moves the shared test clock forward the way real time would: it stops at every instant a message
 * is due, lets the worker send what is due, then goes on. So a reminder chain over three weeks goes
 * out one reminder at a time, each with its own Date header, and the call answers only when
 * everything due by the target instant has been handed to the mail transport (or has failed).
 */
@Injectable()
export class TestClockService {
  constructor(
    private readonly clock: Clock,
    private readonly messages: MessageRepository,
    private readonly jobs: JobRepository,
  ) {}

  async now(): Promise<Date> {
    await this.clock.refresh();
    return this.clock.now();
  }

  async advanceTo(target: Date): Promise<Date> {
    const clock = this.testClock();
    await clock.refresh();
    let cursor = clock.now();
    if (target.getTime() < cursor.getTime()) {
      throw new DomainError('clock_backwards', 'The test clock only moves forward.', [
        { field: 'now', message: `must not be before the current test time ${cursor.toISOString()}` },
      ]);
    }
    for (let step = 0; step < MAX_STEPS; step++) {
      await this.drain(cursor);
      const next = await this.messages.earliestPendingDue(cursor, target);
      if (next === null) break;
      cursor = next;
      await clock.set(cursor);
    }
    await clock.set(target);
    await this.drain(target);
    return target;
  }

  private async drain(at: Date): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    let lastNudge = 0;
    for (;;) {
      const unfinished = await this.messages.countUnfinishedDueBy(at);
      if (unfinished === 0) return;
      if (Date.now() > deadline) {
        throw new DomainError(
          'test_clock_timeout',
          `${unfinished} message(s) due by ${at.toISOString()} were not sent within ${DRAIN_TIMEOUT_MS / 1000} s. ` +
            'Is the worker running with TEST_CLOCK=enabled against the same database and Redis?',
        );
      }
      if (Date.now() - lastNudge >= RENUDGE_MS) {
        await this.jobs.nudgeDispatch();
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
