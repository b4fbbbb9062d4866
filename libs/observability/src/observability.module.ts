import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

/** One metrics registry per process, for every library and app to count into. */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class ObservabilityModule {}
