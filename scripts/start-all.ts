import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { prepareInfrastructure, reportStartFailure } from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { JsonLogger } from '@retrowalk/http';

/**
 * `npm start`: checks Postgres and Redis, applies migrations once, then runs the api and the worker
 * as two processes, as production would, stopping both if either stops.
 */
async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('start', config.logLevel);
  await prepareInfrastructure(config, logger);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
    Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))),
    ).then(
      () => process.exit(code),
      () => process.exit(code),
    );
  };
  const apps = ['api', 'worker'] as const;
  for (const app of apps) {
    const child = spawn(process.execPath, [join(__dirname, '..', 'apps', app, 'src', 'main.js')], {
      stdio: 'inherit',
      // Migrations ran above; the apps need not take the migration lock again.
      // eslint-disable-next-line no-restricted-syntax -- the children read their settings themselves
      env: { ...process.env, MIGRATE_ON_START: 'false' },
    });
    child.once('exit', (code, signal) => {
      // The child has said why (a port in use, a setting); say what happens to the other one.
      if (!stopping) {
        const other = apps.find((a) => a !== app);
        process.stderr.write(
          `Retrowalk: the ${app} stopped (${code === null ? String(signal) : `exit code ${code}`}), so the ${other} is stopped too.\n`,
        );
      }
      stopAll(code ?? 1);
    });
    children.push(child);
  }
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
}

main().catch((error: unknown) => reportStartFailure('Retrowalk', error));
