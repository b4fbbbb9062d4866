import { listenOnPort, prepareInfrastructure, stopOnSignal } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { JsonLogger, ShutdownSignal } from '@retrowalk/http';
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
  await listenOnPort(app, 'PORT', config.port);
  logger.log(
    `Retrowalk API listening on http://localhost:${config.port} (OpenAPI at /docs)` +
      (tracing ? `; tracing to ${config.tracing.tracesUrl}` : ''),
    'Bootstrap',
  );
}
