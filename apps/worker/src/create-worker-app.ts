import { type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig } from '@retrowalk/config';
import { ApiExceptionFilter, installRequestTracking, requestIdOf } from '@retrowalk/http';
import { WorkerModule } from './worker.module';

/**
 * The worker runs the BullMQ processors. Its only HTTP is health and metrics, for the orchestrator
 * and Prometheus; it has no public routes.
 */
export async function createWorkerApp(
  config: AppConfig,
  logger: LoggerService,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config),
    new FastifyAdapter({ genReqId: requestIdOf }),
    {
      logger,
      abortOnError: false,
    },
  );
  installRequestTracking(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new ApiExceptionFilter());
  // No enableShutdownHooks(): main.ts stops on SIGTERM itself, within the grace period, exiting 0.
  return app;
}
