import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { DomainError } from '@retrowalk/domain';
import { Metrics } from '@retrowalk/observability';
import { type FastifyReply } from 'fastify';
import { bearerMatches } from './operator-access';

/**
 * Prometheus on the public port, only for a scraper that holds METRICS_TOKEN; without the setting
 * there is nothing here (404), as for any other unknown address. The operations port needs no token.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = this.config.operations.metricsToken;
    if (token === null) throw new DomainError('not_found', 'Nothing here.');
    if (!bearerMatches(authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new DomainError('unauthorized', 'Metrics need Authorization: Bearer <METRICS_TOKEN>.');
    }
    await reply
      .header('content-type', this.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.scrape());
  }
}
