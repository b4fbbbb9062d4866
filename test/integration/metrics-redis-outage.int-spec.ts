import { freePort, hasMetric, metricValue, OwnRedis, RetrowalkHarness } from '@retrowalk/testing';

/**
 * The queue gauges while Redis is away: no stale depths (every `retrowalk_queue_jobs` series is
 * gone) and `retrowalk_queue_up` 0, on both processes' operations ports; back to 1 once it answers.
 * Redis is this test's own, so stopping it disturbs nobody else.
 */
describe('queue gauges when Redis goes away', () => {
  let redis: OwnRedis;
  let rw: RetrowalkHarness;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    rw = await RetrowalkHarness.start({ redisUrl: redis.url, env: { DISPATCH_INTERVAL_MS: '200' } });
  });

  afterAll(async () => {
    await rw.close();
    await redis.stop();
  });

  const scrape = async (base: string) => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('resets the depths and says up=0, then comes back', async () => {
    for (const base of [rw.opsUrl, rw.workerOpsUrl]) {
      const text = await scrape(base);
      expect(metricValue(text, 'retrowalk_queue_up')).toBe(1);
      for (const queue of ['dispatch', 'send', 'imports'])
        expect(hasMetric(text, 'retrowalk_queue_jobs', { queue, state: 'waiting' })).toBe(true);
    }

    await redis.stop();
    for (const base of [rw.opsUrl, rw.workerOpsUrl]) {
      const started = Date.now();
      const text = await scrape(base);
      expect(Date.now() - started).toBeLessThan(5000); // a scrape is bounded, Redis or not
      expect(metricValue(text, 'retrowalk_queue_up')).toBe(0);
      expect(hasMetric(text, 'retrowalk_queue_jobs')).toBe(false);
      // Postgres still answers: the lag is still told.
      expect(hasMetric(text, 'retrowalk_dispatch_lag_seconds')).toBe(true);
    }
    const ready = await fetch(`${rw.opsUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { redis: { status: 'down' } },
    });

    await redis.start();
    for (let i = 0; i < 50; i++) {
      if (metricValue(await scrape(rw.opsUrl), 'retrowalk_queue_up') === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const back = await scrape(rw.opsUrl);
    expect(metricValue(back, 'retrowalk_queue_up')).toBe(1);
    expect(hasMetric(back, 'retrowalk_queue_jobs', { queue: 'send' })).toBe(true);
  });
});
