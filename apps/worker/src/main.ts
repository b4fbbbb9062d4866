import 'reflect-metadata';
import {
  listenOnPort,
  prepareInfrastructure,
  reportStartFailure,
  stopOnSignal,
} from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { createWorkerApp, createWorkerOperationsServer } from './create-worker-app';
import { DASHBOARD_PATH } from './operations/queue-dashboard';

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('worker', config.logLevel);
  await prepareInfrastructure(config, logger);
  const app = await createWorkerApp(config, logger);
  stopOnSignal(app, {
    graceMs: config.shutdownGraceMs,
    logger,
    onStopping: () => app.get(ShutdownSignal).begin(),
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
      (config.smtpUrl ? '' : `; no SMTP_URL, so mail is written to ${config.mailDir}`),
    'Bootstrap',
  );
}

main().catch((error: unknown) => reportStartFailure('The Retrowalk worker', error));
