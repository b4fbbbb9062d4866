import 'reflect-metadata';
import {
  listenOnPort,
  prepareInfrastructure,
  reportStartFailure,
  stopOnSignal,
} from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { createOperationsServer, JsonLogger, ShutdownSignal } from '@retrowalk/http';
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
  // The operations port first: if it cannot be had, the application is closed and the error names it.
  const ops = await createOperationsServer(app);
  let opsPort = config.operations.apiPort;
  await listenOnPort(
    {
      listen: async (port, host) => (opsPort = await ops.listen(port, host)),
      close: () => app.close(),
    },
    'OPS_PORT',
    config.operations.apiPort,
    config.operations.host,
  );
  await listenOnPort(app, 'PORT', config.port);
  logger.log(
    `Retrowalk API listening on http://localhost:${config.port} (OpenAPI at /docs); ` +
      `metrics and detailed readiness on the operations port ${config.operations.host}:${opsPort}`,
    'Bootstrap',
  );
}

main().catch((error: unknown) => reportStartFailure('The Retrowalk API', error));
