import { listenOnPort, prepareInfrastructure, stopOnSignal } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { type Tracing } from '@retrowalk/observability';
import { createWorkerApp, createWorkerOperationsServer } from './create-worker-app';
import { DASHBOARD_PATH } from './operations/queue-dashboard';

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
  // The processors start here (onApplicationBootstrap); the Nest app itself serves no HTTP.
  await app.init();
  const ops = await createWorkerOperationsServer(app, config);
  let port = config.workerPort;
  await listenOnPort(
    { listen: async (p, host) => (port = await ops.listen(p, host)), close: () => app.close() },
    'WORKER_PORT',
    config.workerPort,
    config.operations.host,
  );
  const dashboard = config.operations.dashboard ? `, queue dashboard at ${DASHBOARD_PATH}` : '';
  logger.log(
    `Retrowalk worker running (health, metrics${dashboard} on the operations port ` +
      `${config.operations.host}:${port})` +
      (config.smtpUrl ? '' : `; no SMTP_URL, so mail is written to ${config.mailDir}`) +
      (tracing ? `; tracing to ${config.tracing.tracesUrl}` : ''),
    'Bootstrap',
  );
}
