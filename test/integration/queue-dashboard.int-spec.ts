import { setTimeout as sleep } from 'node:timers/promises';
import { ShutdownSignal } from '@retrowalk/http';
import { JobRepository, QueueName } from '@retrowalk/queue';
import { RetrowalkHarness } from '@retrowalk/testing';

/**
 * The queue dashboard on the worker's operations port: closed without its own credentials (an
 * organisation's API key is not one), every queue listed, a viewer reads and an admin may retry.
 * Without METRICS_TOKEN the public port has no /metrics and a readiness that says only ready or not;
 * a shutdown turns every readiness to 503 stopping at once.
 */
const ADMIN = 'admin-password-for-tests-0123';
const VIEWER = 'viewer-password-for-tests-0123';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the queue dashboard', () => {
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({
      env: { DASHBOARD_ADMIN_PASSWORD: ADMIN, DASHBOARD_VIEWER_PASSWORD: VIEWER },
    });
    ({ apiKey } = await rw.createOrganization('Queue Physio', 'coach@queues.test'));
  });

  afterAll(async () => {
    await rw.close();
  });

  const dashboard = (path: string, authorization?: string, method = 'GET') =>
    fetch(`${rw.workerOpsUrl}/queues${path}`, {
      method,
      headers: authorization ? { authorization } : {},
    });

  it('asks for its credentials: nothing without them, nor with an API key or a wrong password', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${apiKey}`,
      basic('admin', VIEWER),
      basic('viewer', ADMIN),
      basic('root', ADMIN),
    ]) {
      const res = await dashboard('/api/queues', authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="Retrowalk queues"/);
      expect(await res.text()).not.toContain('"queues"');
    }
    expect((await dashboard('')).status).toBe(401);
    expect((await dashboard('/static/favicon-32x32.png')).status).toBe(401);
  });

  it('lists every queue of the job contract, to a viewer as to an admin; a viewer sees no buttons', async () => {
    for (const [authorization, readOnly] of [
      [basic('viewer', VIEWER), true],
      [basic('admin', ADMIN), false],
    ] as const) {
      const res = await dashboard('/api/queues', authorization);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        queues: { name: string; readOnlyMode: boolean; allowRetries: boolean }[];
      };
      expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
      // The dashboard's page shows a queue's actions only where it is not read-only.
      expect(body.queues.every((q) => q.readOnlyMode === readOnly && q.allowRetries === !readOnly)).toBe(
        true,
      );
    }
    const page = await dashboard('', basic('viewer', VIEWER));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('lets an admin retry a failed job, and refuses a viewer; nobody may empty a queue', async () => {
    const queue = rw
      .worker!.get(JobRepository)
      .dashboardQueues()
      .find((q) => q.name === String(QueueName.Imports))!;
    // A job the contract does not know fails at once (UnrecoverableError): a failed job to retry.
    const job = await queue.add('NotInTheContract', {}, { removeOnFail: false });
    const failedOnce = async () => {
      for (let i = 0; i < 100; i++) {
        const fresh = await queue.getJob(job.id!);
        if ((await fresh?.getState()) === 'failed') return fresh!;
        await sleep(50);
      }
      throw new Error('the job did not fail');
    };
    const first = await failedOnce();

    const retry = `/api/queues/${QueueName.Imports}/${job.id}/retry`;
    const refused = await dashboard(retry, basic('viewer', VIEWER), 'PUT');
    expect(refused.status).toBe(403);
    expect(await first.getState()).toBe('failed');
    const emptied = await dashboard(`/api/queues/${QueueName.Send}/empty`, basic('admin', ADMIN), 'PUT');
    expect(emptied.status).toBe(403);

    const allowed = await dashboard(retry, basic('admin', ADMIN), 'PUT');
    expect(allowed.status).toBeLessThan(300);
    for (let i = 0; i < 100; i++) {
      const again = await queue.getJob(job.id!);
      if ((again?.processedOn ?? 0) > (first.processedOn ?? 0) && (await again!.getState()) === 'failed')
        return;
      await sleep(50);
    }
    throw new Error('the retried job did not run again');
  });

  it('without METRICS_TOKEN the public port has no /metrics and a minimal readiness', async () => {
    const metrics = await rw.request('GET', '/metrics');
    expect(metrics.status).toBe(404);
    expect(metrics.body).toMatchObject({ error: { code: 'not_found' } });
    const withSomeToken = await rw.request('GET', '/metrics', {
      headers: { authorization: `Bearer ${'x'.repeat(40)}` },
    });
    expect(withSomeToken.status).toBe(404);
    const ready = await rw.request('GET', '/health/ready', {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect([ready.status, ready.body]).toEqual([200, { status: 'ok' }]);
    expect((await fetch(`${rw.opsUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${rw.workerOpsUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${rw.opsUrl}/queues`)).status).toBe(404); // the dashboard is the worker's
  });

  // Last: the processes stay "stopping" from here on.
  it('turns readiness to 503 stopping at the start of a shutdown, the operations ports telling why', async () => {
    rw.api.get(ShutdownSignal).begin();
    rw.worker!.get(ShutdownSignal).begin();
    const publicReady = await rw.request('GET', '/health/ready');
    expect([publicReady.status, publicReady.body]).toEqual([503, { status: 'stopping' }]);
    for (const base of [rw.opsUrl, rw.workerOpsUrl]) {
      const ready = await rw.request('GET', `${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: 'stopping',
        checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
      });
    }
    expect((await rw.request('GET', '/health/live')).status).toBe(200);
  });
});
