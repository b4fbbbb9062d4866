import { Injectable } from '@nestjs/common';
import { ClockRepository } from '@retrowalk/persistence';

/**
 * The one source of "now". Every time decision goes through it, so a test or a demo can move time
 * for the api and the worker together. `refresh()` is awaited at each entry point (an HTTP request,
 * a job) and is free for the system clock.
 */
export abstract class Clock {
  abstract now(): Date;
  abstract refresh(): Promise<void>;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  async refresh(): Promise<void> {}
}

/**
 * A frozen clock shared through Postgres: it only moves when someone sets it, so a simulated week
 * has exactly the instants the test asked for. Enabled only by TEST_CLOCK=enabled, never in production.
 */
@Injectable()
export class TestClock extends Clock {
  private current = new Date();

  constructor(private readonly repository: ClockRepository) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  async refresh(): Promise<void> {
    this.current = (await this.repository.read()) ?? new Date();
  }

  async set(now: Date): Promise<void> {
    await this.repository.write(now);
    this.current = new Date(now.getTime());
  }
}
