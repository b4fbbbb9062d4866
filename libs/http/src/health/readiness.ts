import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@retrowalk/persistence';
import { within } from '@retrowalk/observability';
import { JobRepository } from '@retrowalk/queue';
import { DataSource } from 'typeorm';
import { ShutdownSignal } from './shutdown-signal';

const CHECK_TIMEOUT_MS = 2000;

export interface Check {
  status: 'up' | 'down';
  error?: string;
}

/** The whole answer: for operators only (it names what is down and why). */
export interface ReadinessReport {
  status: 'ok' | 'unavailable' | 'stopping';
  checks: { postgres: Check; redis: Check };
}

async function check(work: () => Promise<unknown>): Promise<Check> {
  try {
    await within(work(), CHECK_TIMEOUT_MS);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Ready means Postgres and Redis answer within 2 s and the process is not shutting down. The public
 * port tells only the status; the operations port (or the metrics token) tells the checks too.
 */
@Injectable()
export class Readiness {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly shutdown: ShutdownSignal,
  ) {}

  async report(): Promise<ReadinessReport> {
    const [postgres, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.jobs.ping()),
    ]);
    // Read after the checks: a shutdown that began meanwhile is told at once.
    const stopping = this.shutdown.stopping;
    const up = postgres.status === 'up' && redis.status === 'up';
    return { status: stopping ? 'stopping' : up ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
