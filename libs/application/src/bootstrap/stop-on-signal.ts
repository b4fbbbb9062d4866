import { type INestApplicationContext, type LoggerService } from '@nestjs/common';

export interface StopOptions {
  /** Everything must be done within this; then the process exits anyway. */
  graceMs: number;
  logger: LoggerService;
  /** Called first, e.g. to turn readiness to "not ready". */
  onStopping?: () => void;
  /** Called once the app has closed, before the exit (e.g. to send the last buffered spans). */
  afterClose?: () => Promise<void>;
}

/**
 * SIGTERM or SIGINT: stop taking work, let in-flight work finish (each app's shutdown hooks bound
 * it by the same grace), close connections, exit 0. Nest's own shutdown hooks would re-raise the
 * signal and end the process by it (exit 143), which orchestrators read as a crash; this exits 0.
 */
export function stopOnSignal(app: INestApplicationContext, options: StopOptions): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.logger.log(`${signal}: stopping within ${options.graceMs} ms`, 'Shutdown');
    options.onStopping?.();
    const hardStop = setTimeout(() => {
      options.logger.warn('Grace period over: exiting with work unfinished', 'Shutdown');
      process.exit(0);
    }, options.graceMs);
    hardStop.unref();
    app.close().then(
      async () => {
        await options.afterClose?.().catch(() => undefined);
        options.logger.log('Stopped', 'Shutdown');
        process.exit(0);
      },
      (error: unknown) => {
        options.logger.error(`Shutdown failed: ${(error as Error).message}`, undefined, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
