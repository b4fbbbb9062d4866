import { type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig } from '@retrowalk/config';
import { ApiExceptionFilter, createOperationsServer, type OperationsServer } from '@retrowalk/http';
import { JobRepository } from '@retrowalk/queue';
import { mountQueueDashboard } from './operations/queue-dashboard';
import { WorkerModule } from './worker.module';

/**
 * The worker runs the BullMQ processors. It has no public routes: its only HTTP is its operations
 * port (WORKER_PORT), see `createWorkerOperationsServer`.
 */
export async function createWorkerApp(
  config: AppConfig,
  logger: LoggerService,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config),
    new FastifyAdapter(),
    {
      logger,
      abortOnError: false,
    },
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  // No enableShutdownHooks(): main.ts stops on SIGTERM itself, within the grace period, exiting 0.
  return app;
}

/**
 * The worker's operations port: health, detailed readiness, metrics and, when its credentials are
 * set, the queue dashboard at /queues. For the operators' network only.
 */
export function createWorkerOperationsServer(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<OperationsServer> {
  const dashboard = config.operations.dashboard;
  return createOperationsServer(
    app,
    dashboard
      ? (fastify) => mountQueueDashboard(fastify, app.get(JobRepository).dashboardQueues(), dashboard)
      : undefined,
  );
}
