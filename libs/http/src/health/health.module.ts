import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ShutdownSignal } from './shutdown-signal';

@Module({
  controllers: [HealthController, MetricsController],
  providers: [ShutdownSignal],
  exports: [ShutdownSignal],
})
export class HealthModule {}
