import { listenOnPort, prepareInfrastructure, stopOnSignal } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { type Tracing } from '@retrowalk/observability';
import { createWorkerApp } from './create-worker-app';

/** Everything `main.ts` does once tracing (if configured) is in place. */
export async function runWorker(config: AppConfig, tracing: Tracing | null): Promise<void> {
  const logger = new JsonLogger('worker', config.logLevel);
  await prepareInfrastructure(config, logger);
  const app = await createWorkerApp(config, logger);
  stopOnSignal(app, {
    graceMs: config.shutdownGraceMs,
    logger,
    onStopping: () => app.get(ShutdownSignal).begin(),
    afterClose: async () => tracing?.shutdown(),
  });
  await listenOnPort(app, 'WORKER_PORT', config.workerPort);
  logger.log(
    `Retrowalk worker running (health and metrics on http://localhost:${config.workerPort})` +
      (config.smtpUrl ? '' : `; no SMTP_URL, so mail is written to ${config.mailDir}`) +
      (tracing ? `; tracing to ${config.tracing.tracesUrl}` : ''),
    'Bootstrap',
  );
}
