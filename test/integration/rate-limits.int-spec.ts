import IORedis from 'ioredis';
import { RetrowalkHarness, TcpProxy, WorkspaceBrowser } from '@retrowalk/testing';

/**
 * Rate limits through HTTP against the real api and Redis: each budget answers 429 with
 * Retry-After past its limit, counted per API key, per session or per address (two processes
 * sharing one count: rate-limits-processes.int-spec.ts); X-Forwarded-For believed only from a
 * trusted proxy; and no limit, no error and no wait when Redis is away.
 */
const LOW = {
  RATE_LIMIT_PER_MINUTE: '5',
  RATE_LIMIT_REPORTS_PER_MINUTE: '3',
  RATE_LIMIT_PAGES_PER_MINUTE: '4',
};

async function statuses(times: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await send()).status);
  return seen;
}

describe('rate limits', () => {
  let rw: RetrowalkHarness;
  let redis: IORedis;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false, env: LOW });
    redis = new IORedis(rw.config.redisUrl);
    ({ apiKey: keyA } = await rw.createOrganization('Org A', 'coach@a.test'));
    ({ apiKey: keyB } = await rw.createOrganization('Org B', 'coach@b.test'));
  });

  afterAll(async () => {
    redis.disconnect();
    await rw.close();
  });

  // Every test starts with empty buckets: they all come from 127.0.0.1 within the same minute.
  beforeEach(async () => {
    const keys = await redis.keys(`${rw.config.redisPrefix}:rate:*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  it('answers 429 in the one error shape with Retry-After past the default limit, per API key', async () => {
    const get = (apiKey?: string) => rw.request('GET', '/v1/organization', apiKey ? { apiKey } : {});
    expect(await statuses(5, () => get(keyA))).toEqual([200, 200, 200, 200, 200]);
    const refused = await get(keyA);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.body).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many requests: try again in ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}`,
        details: { retryAfterSeconds: retryAfter, limit: 5 },
      },
    });
    // Another key has its own budget; so do callers with no key, counted by address.
    expect((await get(keyB)).status).toBe(200);
    expect(await statuses(6, () => get())).toEqual([401, 401, 401, 401, 401, 429]);
    // The key's Redis counter is named by a hash: the key itself is never stored.
    const stored = await redis.keys(`${rw.config.redisPrefix}:rate:*`);
    expect(stored.join(' ')).not.toContain(keyA);
    expect(stored.join(' ')).not.toContain(keyA.slice(3, 20));
  });

  it('holds back an address that keeps showing keys that do not exist, whatever key it shows next', async () => {
    const made = (i: number) => rw.request('GET', '/v1/organization', { apiKey: `rw_made-up-${i}` });
    const seen: number[] = [];
    for (let i = 0; i < 8 && seen.at(-1) !== 429; i++) seen.push((await made(i)).status);
    // Four refusals (the pages limit) are allowed, then a new key is refused before any lookup. (A
    // refusal is counted as its answer leaves, so the next request may just beat the count.)
    expect(seen.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(seen.at(-1)).toBe(429);
    expect(seen.length).toBeLessThanOrEqual(6);
    const refused = await rw.request('GET', '/v1/organization', { apiKey: keyA });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', details: { limit: 4 } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('gives report and export routes the lower limit, on a budget of their own', async () => {
    const report = () =>
      rw.request('GET', '/v1/reports/cohort?from=2027-03-01&to=2027-03-24', { apiKey: keyA });
    const link = () =>
      rw.request('POST', '/v1/reports/cohort/link?from=2027-03-01&to=2027-03-24', { apiKey: keyA });
    const seen = [...(await statuses(2, report)), ...(await statuses(1, link))];
    expect(seen.every((status) => status !== 429)).toBe(true);
    const refused = await report();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', details: { limit: 3 } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const exported = await rw.request('GET', '/v1/enrollments/00000000-0000-4000-8000-000000000000/export', {
      apiKey: keyA,
    });
    expect(exported.status).toBe(429);
    // The default budget of the same key is untouched.
    expect((await rw.request('GET', '/v1/organization', { apiKey: keyA })).status).toBe(200);
  });

  it('counts participant pages, report pages, sign-in and delivery events per address, with a page for people', async () => {
    const page = () => rw.request('GET', '/p/check-in/not-a-real-token');
    expect((await statuses(4, page)).includes(429)).toBe(false);
    const refusedPage = await page();
    expect(refusedPage.status).toBe(429);
    expect(refusedPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refusedPage.text).toContain('Please wait a minute');
    expect(Number(refusedPage.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const report = () => rw.request('GET', '/r/not-a-real-token');
    expect((await statuses(3, report)).includes(429)).toBe(false);
    expect((await report()).status).toBe(429);

    const signIn = () => rw.request('GET', '/coach/sign-in');
    expect(await statuses(4, signIn)).toEqual([200, 200, 200, 200]);
    const refusedSignIn = await signIn();
    expect(refusedSignIn.status).toBe(429);
    expect(refusedSignIn.text).toContain('Please wait a minute');
    expect(refusedSignIn.text).toContain('/coach/assets/workspace.css');

    const events = () =>
      rw.request('POST', '/v1/email-events', {
        body: { type: 'bounce' },
        headers: { authorization: 'Bearer x' },
      });
    expect((await statuses(4, events)).includes(429)).toBe(false);
    const refusedEvents = await events();
    expect(refusedEvents.status).toBe(429);
    expect(refusedEvents.body).toMatchObject({ error: { code: 'rate_limited', details: { limit: 4 } } });
  });

  it('counts the workspace per session', async () => {
    const member = await rw.request('POST', '/v1/members', {
      apiKey: keyA,
      body: { email: 'dana@a.test', name: 'Dana Okafor', role: 'coach' },
    });
    expect(member.status).toBe(201);
    const browser = new WorkspaceBrowser(rw);
    await browser.signIn('dana@a.test');
    const keys = await redis.keys(`${rw.config.redisPrefix}:rate:*`);
    if (keys.length > 0) await redis.del(...keys);
    expect(await statuses(5, () => browser.get('/coach/participants'))).toEqual([200, 200, 200, 200, 200]);
    const refused = await browser.get('/coach/participants');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Please wait a minute');
    // Someone else from the same address, not signed in, is not held back by that session.
    expect((await rw.request('GET', '/coach/participants')).status).not.toBe(429);
  });

  it('never limits the test clock or the health checks', async () => {
    const clock = await statuses(12, () => rw.request('GET', '/v1/test-clock', { apiKey: keyA }));
    expect(clock.every((status) => status === 200)).toBe(true);
    const live = await statuses(12, () => rw.request('GET', '/health/live'));
    expect(live.every((status) => status === 200)).toBe(true);
  });

  it('ignores X-Forwarded-For from a client by default', async () => {
    const page = (from: string) =>
      rw.request('GET', '/p/check-in/not-a-real-token', { headers: { 'x-forwarded-for': from } });
    for (let i = 0; i < 4; i++) await page(`203.0.113.${i}`);
    // A made-up address is not a fresh bucket: the count is the socket's.
    expect((await page('198.51.100.77')).status).toBe(429);
  });
});

describe('rate limits behind a trusted proxy', () => {
  it('believes X-Forwarded-For from the hop TRUST_PROXY names', async () => {
    const rw = await RetrowalkHarness.start({ worker: false, env: { ...LOW, TRUST_PROXY: '1' } });
    try {
      const page = (from: string) =>
        rw.request('GET', '/p/check-in/not-a-real-token', { headers: { 'x-forwarded-for': from } });
      expect((await statuses(5, () => page('203.0.113.7'))).at(-1)).toBe(429);
      // Another client behind the same proxy has its own bucket.
      expect((await page('203.0.113.8')).status).not.toBe(429);
      // The proxy's own hop is believed, not what the client wrote before it.
      expect((await page('203.0.113.8, 203.0.113.7')).status).toBe(429);
    } finally {
      await rw.close();
    }
  });
});

describe('rate limits while Redis is away', () => {
  it('serves every request, unlimited and without waiting, when Redis refuses or stalls', async () => {
    const proxy = await new TcpProxy(6379).start();
    const rw = await RetrowalkHarness.start({
      worker: false,
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      env: { RATE_LIMIT_PER_MINUTE: '2' },
    });
    try {
      const { apiKey } = await rw.createOrganization();
      const get = () => rw.request('GET', '/v1/organization', { apiKey });
      expect(await statuses(3, get)).toEqual([200, 200, 429]);

      proxy.refuse();
      proxy.drop();
      let started = Date.now();
      expect(await statuses(5, get)).toEqual([200, 200, 200, 200, 200]);
      expect(Date.now() - started).toBeLessThan(5000);

      proxy.restore();
      proxy.stall();
      started = Date.now();
      expect(await statuses(3, get)).toEqual([200, 200, 200]);
      // Each waits for the limiter's short command timeout at most.
      expect(Date.now() - started).toBeLessThan(3 * 1500);
    } finally {
      proxy.restore();
      // Let every Redis client of the api reconnect before closing it: closed mid-reconnect, one of
      // them (not the limiter's, which has an error listener) leaves a timer holding Jest's worker.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await rw.close();
      await proxy.stop();
    }
  });
});
