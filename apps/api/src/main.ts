import 'reflect-metadata';
import {
  listenOnPort,
  prepareInfrastructure,
  reportStartFailure,
  stopOnSignal,
} from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('api', config.logLevel);
  await prepareInfrastructure(config, logger);
  const app = await createApiApp(config, logger);
  stopOnSignal(app, {
    graceMs: config.shutdownGraceMs,
    logger,
    onStopping: () => app.get(ShutdownSignal).begin(),
  });
  await listenOnPort(app, 'PORT', config.port);
  logger.log(`Retrowalk API listening on http://localhost:${config.port} (OpenAPI at /docs)`, 'Bootstrap');
}

main().catch((error: unknown) => reportStartFailure('The Retrowalk API', error));
