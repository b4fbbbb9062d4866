import { listenOnPort, prepareInfrastructure, stopOnSignal } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { createOperationsServer, JsonLogger, ShutdownSignal } from '@retrowalk/http';
import { type Tracing } from '@retrowalk/observability';
import { createApiApp } from './create-api-app';

/** Everything `main.ts` does once tracing (if configured) is in place. */
export async function runApi(config: AppConfig, tracing: Tracing | null): Promise<void> {
  const logger = new JsonLogger('api', config.logLevel);
  await prepareInfrastructure(config, logger);
  const app = await createApiApp(config, logger);
  stopOnSignal(app, {
    graceMs: config.shutdownGraceMs,
    logger,
    onStopping: () => app.get(ShutdownSignal).begin(),
    afterClose: async () => tracing?.shutdown(),
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
      `metrics and detailed readiness on the operations port ${config.operations.host}:${opsPort}` +
      (tracing ? `; tracing to ${config.tracing.tracesUrl}` : ''),
    'Bootstrap',
  );
}
