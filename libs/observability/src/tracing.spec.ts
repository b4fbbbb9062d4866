import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('startTracing', () => {
  // prom-client loads @opentelemetry/api (a no-op until an SDK registers) for its exemplars, with or
  // without tracing; what must stay unloaded is the SDK, the exporter, the instrumentations and
  // bullmq-otel.
  it('with no endpoint, loads no OpenTelemetry SDK, exporter or instrumentation, with the whole app loaded', () => {
    // A fresh process: Jest's own module registry would say nothing about what Node loaded.
    const script = `
      const { loadConfig } = require('@retrowalk/config');
      const { startTracing } = require('@retrowalk/observability');
      const tracing = startTracing(loadConfig({}).tracing, 'retrowalk-api');
      require('./apps/api/src/create-api-app');
      require('./apps/worker/src/create-worker-app');
      const loaded = Object.keys(require.cache).filter((f) => /[\\\\/](@opentelemetry[\\\\/](?!api[\\\\/])|bullmq-otel[\\\\/])/.test(f));
      process.stdout.write(JSON.stringify({ tracing, loaded, modules: Object.keys(require.cache).length }));
    `;
    const run = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'test', 'support', 'ts-register.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { tracing: unknown; loaded: string[]; modules: number };
    expect(result.tracing).toBeNull();
    expect(result.loaded).toEqual([]);
    // The app did load (pg, ioredis, fastify and the rest): the check above had something to see.
    expect(result.modules).toBeGreaterThan(500);
  });
});
