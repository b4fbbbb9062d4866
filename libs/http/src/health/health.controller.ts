import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { type FastifyReply } from 'fastify';
import { bearerMatches } from './operator-access';
import { Readiness } from './readiness';

/**
 * The public port's health: liveness says the process runs; readiness says only whether it can do
 * its job (a load balancer needs no more, and which service is down is not the public's business).
 * With the metrics token the detailed answer comes here too; the operations port always gives it.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.readiness.report();
    const detailed = bearerMatches(authorization, this.config.operations.metricsToken);
    await reply
      .status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .header('cache-control', 'no-store')
      .send(detailed ? report : { status: report.status });
  }
}
