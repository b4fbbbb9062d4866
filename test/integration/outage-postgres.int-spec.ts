import { setTimeout as sleep } from 'node:timers/promises';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@retrowalk/config';
import {
  copiesByRow,
  enrollmentBody,
  freePort,
  linkIn,
  messageRows,
  RetrowalkHarness,
  SmtpSink,
  TcpProxy,
} from '@retrowalk/testing';
import { createApiApp } from '../../apps/api/src/create-api-app';

/**
 * Postgres cut off from the worker (stalled: a partition where nothing is heard; dropped: every
 * connection reset) for longer than every retry budget, while mail is in flight. The worker talks to
 * Postgres through a TCP proxy; the api and the test talk to it directly.
 */
const WORKER_TIMEOUTS = {
  DATABASE_CONNECT_TIMEOUT_MS: '500',
  DATABASE_STATEMENT_TIMEOUT_MS: '500',
  SEND_ATTEMPTS: '2',
  SEND_RETRY_DELAY_MS: '100',
  DISPATCH_LEASE_MS: '20000',
  SEND_CONCURRENCY: '5',
  TEST_CLOCK_STALL_MS: '3000',
};
const T0 = '2027-04-05T09:00:00Z';

describe('Postgres out of reach', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let proxy: TcpProxy;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, worker: false, env: WORKER_TIMEOUTS });
    proxy = await new TcpProxy(5432).start();
    await rw.startWorker({ DATABASE_URL: proxy.rewrite(rw.database.url) });
    ({ apiKey } = await rw.createOrganization('Partition Physio', 'coach@partition.test'));
    await rw.advanceClock(apiKey, T0);
  });

  afterAll(async () => {
    await rw.close();
    await proxy.stop();
    await smtp.stop();
  });

  beforeEach(() => {
    smtp.behaviour = {};
    proxy.restore();
  });

  /**
   * Every message arrived, at most twice, and a second copy only of a message the listener had
   * accepted before the cut while the worker could no longer mark it sent: the documented window,
   * at most one per message in flight (SEND_CONCURRENCY of them).
   */
  function expectDeliveredOnceOrInTheWindow(tag: string, n: number, cutAt: number): void {
    const mine = smtp.received.filter((m) => m.to.startsWith(`${tag}-`));
    const copies = copiesByRow(mine);
    expect(copies.size).toBe(n);
    const twice = [...copies].filter(([, c]) => c > 1);
    for (const [, c] of copies) expect(c).toBeLessThanOrEqual(2);
    expect(twice.length).toBeLessThanOrEqual(Number(WORKER_TIMEOUTS.SEND_CONCURRENCY));
    for (const [id] of twice) {
      const first = mine.find((m) => m.messageId.startsWith(`<${id}@`))!;
      expect(first.receivedAt).toBeLessThanOrEqual(cutAt + 1000);
    }
  }

  it.each(['stall', 'drop'] as const)(
    'a worker cut off from Postgres (%s) mid-send for longer than its retries loses nothing',
    async (fault) => {
      const tag = `cut-${fault}`;
      smtp.behaviour = { data: () => ({ delayMs: 150 }) };
      const ids = await rw.enrolMany(apiKey, tag, 30);
      await smtp.waitFor(() => smtp.received.filter((m) => m.to.startsWith(`${tag}-`)).length >= 5);
      const cutAt = Date.now();
      if (fault === 'stall') proxy.stall();
      else {
        proxy.refuse();
        proxy.drop();
      }
      // Longer than every budget: two tries 100 ms apart, each bounded by 500 ms connect and statement
      // timeouts (2.5 s on the client side for a stalled socket).
      await sleep(8000);
      const during = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
      expect(during.some((r) => r.status !== 'sent')).toBe(true);

      proxy.drop(); // the partition ends as partitions do: the old sockets are dead
      proxy.restore();
      // Past the 20 s lease of whatever the cut stranded, in simulated time.
      await rw.advanceClock(apiKey, new Date(Date.parse(T0) + 60_000 * (fault === 'stall' ? 1 : 2)));

      const after = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
      expect(after.map((r) => r.status)).toEqual(Array(30).fill('sent'));
      expectDeliveredOnceOrInTheWindow(tag, 30, cutAt);
    },
  );

  it('the api answers 503 with Retry-After while its Postgres is unreachable, never hangs, and recovers', async () => {
    const port = await freePort();
    const config = loadConfig({
      ...rw.env,
      PORT: String(port),
      DATABASE_URL: proxy.rewrite(rw.database.url),
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '500',
    });
    const api: NestFastifyApplication = await createApiApp(config, rw.logger('api-proxied'));
    await api.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await rw.enrolMany(apiKey, 'page', 1);
      await smtp.waitFor(() => smtp.for('page-0@example.com', 'confirm').length === 1);
      const page = linkIn(smtp.for('page-0@example.com', 'confirm')[0]!.text, 'unsubscribe');
      const pagePath = new URL(page).pathname;
      expect((await rw.request('GET', `${base}/v1/organization`, { apiKey })).status).toBe(200);

      for (const cut of [() => proxy.stall(), () => (proxy.refuse(), proxy.drop())]) {
        cut();
        const started = Date.now();
        const api503 = await rw.request<{ error: { code: string } }>('GET', `${base}/v1/organization`, {
          apiKey,
        });
        expect(api503.status).toBe(503);
        expect(api503.body.error.code).toBe('service_unavailable');
        expect(api503.headers.get('retry-after')).toBe('5');
        const write = await rw.request('POST', `${base}/v1/enrollments`, { apiKey, body: enrollmentBody() });
        expect(write.status).toBe(503);
        const participantPage = await rw.request('GET', `${base}${pagePath}`);
        expect(participantPage.status).toBe(503);
        expect(participantPage.text).toContain('try the link again');
        // Bounded by the connect and statement timeouts, not by the length of the outage.
        expect(Date.now() - started).toBeLessThan(15_000);
        proxy.drop();
        proxy.restore();
        // Back by itself within a few seconds (a pooled socket that died with the partition may
        // answer one more 503 before the pool notices), with no restart.
        const back = Date.now();
        while ((await rw.request('GET', `${base}/v1/organization`, { apiKey })).status !== 200) {
          expect(Date.now() - back).toBeLessThan(5000);
          await sleep(100);
        }
      }
    } finally {
      await api.close();
    }
  });
});
