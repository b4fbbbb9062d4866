import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DATA_SOURCE } from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { type FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ShutdownSignal } from './shutdown-signal';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function check(work: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await withTimeout(work());
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Liveness says the process runs; readiness says it can do its job (Postgres and Redis answer). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly shutdown: ShutdownSignal,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.jobs.ping()),
    ]);
    const stopping = this.shutdown.stopping;
    const ok = postgres.status === 'up' && redis.status === 'up' && !stopping;
    await reply
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ok ? 'ok' : stopping ? 'stopping' : 'unavailable', checks: { postgres, redis } });
  }
}
