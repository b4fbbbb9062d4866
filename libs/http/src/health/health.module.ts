import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { Readiness } from './readiness';
import { ShutdownSignal } from './shutdown-signal';

@Module({
  controllers: [HealthController, MetricsController],
  providers: [ShutdownSignal, Readiness],
  exports: [ShutdownSignal, Readiness],
})
export class HealthModule {}
