import 'reflect-metadata';
import {
  listenOnPort,
  prepareInfrastructure,
  reportStartFailure,
  stopOnSignal,
} from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { createWorkerApp } from './create-worker-app';

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
  await listenOnPort(app, 'WORKER_PORT', config.workerPort);
  logger.log(
    `Retrowalk worker running (health and metrics on http://localhost:${config.workerPort})` +
      (config.smtpUrl ? '' : `; no SMTP_URL, so mail is written to ${config.mailDir}`),
    'Bootstrap',
  );
}

main().catch((error: unknown) => reportStartFailure('The Retrowalk worker', error));
