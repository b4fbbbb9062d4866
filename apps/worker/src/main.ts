import 'reflect-metadata';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { startTracing } from '@retrowalk/observability';

/*
 * Order matters. OpenTelemetry instruments pg, ioredis and http by patching them as they are
 * required, so tracing starts before the app (which requires them) is loaded: settings first (they
 * say whether to trace; libs/config loads none of those), then tracing, then the app. With no
 * OTEL_EXPORTER_OTLP_ENDPOINT, startTracing returns at once and loads nothing.
 */
async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  const tracing = startTracing(config.tracing, 'retrowalk-worker');
  const { runWorker } = await import('./run-worker');
  await runWorker(config, tracing);
}

main().catch(async (error: unknown) => {
  const { reportStartFailure } = await import('@retrowalk/application');
  reportStartFailure('The Retrowalk worker', error);
});
