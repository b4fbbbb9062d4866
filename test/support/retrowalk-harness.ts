import { createServer } from 'node:net';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { OrganizationService, prepareInfrastructure } from '@retrowalk/application';
import { type AppConfig, loadConfig } from '@retrowalk/config';
import { createOperationsServer, JsonLogger, type OperationsServer } from '@retrowalk/http';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp, createWorkerOperationsServer } from '../../apps/worker/src/create-worker-app';
import { CLEAN_WALK, enrollmentBody } from './fixtures';
import { dropRedisKeys } from './redis-keys';
import { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from './test-database';

export interface HarnessOptions {
  smtpUrl?: string;
  redisUrl?: string;
  /** Start the worker too (default true). */
  worker?: boolean;
  env?: Record<string, string>;
  /**
   * Keep every log line the api and worker write in `logLines` (errors still go to stderr), for
   * tests that assert what the logs never contain. Pair with env LOG_LEVEL=debug to see them all.
   */
  captureLogs?: boolean;
}

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The real api and worker, in this process, against the machine's Postgres and Redis: a private
 * database copied from the migrated template and a private Redis prefix per harness.
 */
export class RetrowalkHarness {
  api!: NestFastifyApplication;
  worker: NestFastifyApplication | null = null;
  config!: AppConfig;
  /** The settings the harness booted with, as environment variables: for child processes to share. */
  env: Record<string, string> = {};
  database!: TestDatabase;
  baseUrl = '';
  /** The api's operations port (metrics, detailed readiness), as main.ts opens it. */
  opsUrl = '';
  /** The worker's operations port (WORKER_PORT: health, metrics, queue dashboard), while it runs. */
  workerOpsUrl = '';
  private apiOps: OperationsServer | null = null;
  private workerOps: OperationsServer | null = null;
  /** Log lines written since start, when started with `captureLogs`. */
  readonly logLines: string[] = [];
  private captureLogs = false;

  static async start(options: HarnessOptions = {}): Promise<RetrowalkHarness> {
    const harness = new RetrowalkHarness();
    await harness.boot(options);
    return harness;
  }

  private async boot(options: HarnessOptions): Promise<void> {
    this.captureLogs = options.captureLogs ?? false;
    this.database = await createTestDatabase();
    const port = await freePort();
    this.env = {
      NODE_ENV: 'test',
      PORT: String(port),
      WORKER_PORT: '0',
      OPS_PORT: '0',
      DATABASE_URL: this.database.url,
      REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: uniqueRedisPrefix(),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      TEST_CLOCK: 'enabled',
      LOG_LEVEL: 'error',
      DISPATCH_INTERVAL_MS: '200',
      MIGRATE_ON_START: 'false',
      MAIL_FROM: 'Retrowalk <coach@retrowalk.test>',
      // Tests (and the fuzz) send far more than a person would; rate-limits.int-spec.ts sets its own.
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_REPORTS_PER_MINUTE: '1000000',
      RATE_LIMIT_PAGES_PER_MINUTE: '1000000',
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
      ...options.env,
    };
    this.config = loadConfig(this.env);
    this.baseUrl = this.config.publicBaseUrl;
    await prepareInfrastructure(this.config, this.logger('setup'));
    this.api = await createApiApp(this.config, this.logger('api'));
    await this.api.listen({ port, host: '127.0.0.1' });
    this.apiOps = await createOperationsServer(this.api);
    this.opsUrl = `http://127.0.0.1:${await this.apiOps.listen(0, '127.0.0.1')}`;
    if (options.worker !== false) await this.startWorker();
  }

  logger(service: string): JsonLogger {
    return new JsonLogger(service, this.config.logLevel, (line) => {
      if (this.captureLogs) this.logLines.push(line);
      if (!this.captureLogs || line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
    });
  }

  /** Starts the in-process worker; `env` overrides settings for it alone (e.g. a proxied DATABASE_URL). */
  async startWorker(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    const config = Object.keys(env).length > 0 ? loadConfig({ ...this.env, ...env }) : this.config;
    this.worker = await createWorkerApp(config, this.logger('worker'));
    await this.worker.init();
    this.workerOps = await createWorkerOperationsServer(this.worker, config);
    this.workerOpsUrl = `http://127.0.0.1:${await this.workerOps.listen(0, '127.0.0.1')}`;
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.workerOps?.close();
    this.workerOps = null;
    this.workerOpsUrl = '';
    await this.worker?.close();
    this.worker = null;
  }

  async createOrganization(name = 'Acme Physio', coachEmail = 'coach@acme.test') {
    return this.api.get(OrganizationService).create({ name, coachEmail });
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { apiKey?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(path.startsWith('http') ? path : `${this.baseUrl}${path}`, {
      method,
      headers,
      body,
    });
    const text = await response.text();
    let parsed: unknown = null;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  /**
   * Enrols `n` people through the API as `<tag>-<i>@example.com` (each a confirm email due now) and
   * returns their ids; fails on anything but a 201.
   */
  async enrolMany(apiKey: string, tag: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await this.request<{ id: string }>('POST', '/v1/enrollments', {
        apiKey,
        body: enrollmentBody({ email: `${tag}-${i}@example.com` }),
      });
      if (res.status !== 201) throw new Error(`enrolment ${tag}-${i}: ${res.status} ${res.text}`);
      ids.push(res.body.id);
    }
    return ids;
  }

  /**
   * Logs a walk performed at the test clock's now: a clean one, changed by `report` (`{ fall: true }`,
   * `{ painDuring: 8 }`). Returns the decision's action; fails on anything but a 201.
   */
  async walkNow(apiKey: string, enrollmentId: string, report: Record<string, unknown> = {}): Promise<string> {
    const now = (await this.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now;
    const res = await this.request<{ decision: { action: string } }>(
      'POST',
      `/v1/enrollments/${enrollmentId}/check-ins`,
      { apiKey, body: { ...CLEAN_WALK, performedAt: now, ...report } },
    );
    if (res.status !== 201) throw new Error(`check-in: ${res.status} ${res.text}`);
    return res.body.decision.action;
  }

  /** Moves the shared test clock; resolves once everything due by then has been sent. */
  async advanceClock(apiKey: string, to: string | Date): Promise<void> {
    const now = typeof to === 'string' ? to : to.toISOString();
    const result = await this.request('POST', '/v1/test-clock', { apiKey, body: { now } });
    if (result.status !== 200) throw new Error(`test clock: ${result.status} ${result.text}`);
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.apiOps?.close();
    await this.api?.close();
    await this.database?.drop();
    if (this.config) await dropRedisKeys(this.config.redisUrl, this.config.redisPrefix);
  }
}
