import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import {
  copiesByRow,
  enrollmentBody,
  freePort,
  messageRows,
  OwnRedis,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';

/**
 * Redis lost with messages in every state: pending, queued (waiting in BullMQ behind slow sends),
 * being sent, sent. Nothing may be lost or doubled, and the dispatcher must tick again by itself.
 * Each test has a Redis of its own, so it can be killed or flushed without touching anyone else's.
 */
const SLOW_SENDS = { SEND_CONCURRENCY: '2', DISPATCH_INTERVAL_MS: '100' };

describe('Redis outages', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
  });

  afterAll(async () => {
    await smtp.stop();
  });

  async function withOwnRedis(
    work: (rw: RetrowalkHarness, redis: OwnRedis, apiKey: string) => Promise<void>,
  ): Promise<void> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, redisUrl: redis.url, env: SLOW_SENDS });
    try {
      const { apiKey } = await rw.createOrganization();
      await rw.advanceClock(apiKey, '2027-06-01T12:00:00Z');
      await work(rw, redis, apiKey);
    } finally {
      await rw.close();
      await redis.stop();
    }
  }

  const mine = (tag: string) => smtp.received.filter((m) => m.to.startsWith(`${tag}-`));

  /** The scheduler is back and ticking: a tick has run within the last couple of seconds. */
  async function expectTicking(rw: RetrowalkHarness, redis: OwnRedis): Promise<void> {
    const client = new IORedis(redis.url);
    try {
      const key = `{${rw.config.redisPrefix}}:retrowalk:last-tick`;
      const deadline = Date.now() + 10_000;
      for (;;) {
        const last = Number(await client.get(key));
        if (last > 0 && Date.now() - last < 2000) return;
        if (Date.now() > deadline)
          throw new Error(`no dispatcher tick since ${new Date(last).toISOString()}`);
        await sleep(200);
      }
    } finally {
      client.disconnect();
    }
  }

  it.each(['FLUSHALL', 'FLUSHDB'] as const)(
    'after %s mid-send every message goes out exactly once and the ticks resume by themselves',
    async (command) =>
      withOwnRedis(async (rw, redis, apiKey) => {
        const tag = `flush-${command}`;
        smtp.behaviour = { data: () => ({ delayMs: 200 }) };
        const ids = await rw.enrolMany(apiKey, tag, 24);
        await smtp.waitFor(() => mine(tag).length >= 4);
        const client = new IORedis(redis.url);
        await client.call(command);
        client.disconnect();
        // No API call from here on: only the dispatcher's own ticks can bring the rest.
        await smtp.waitFor(() => mine(tag).length >= 24, 30_000);
        await sleep(1500); // long enough for a duplicate to show up, were there one
        smtp.behaviour = {};
        expect([...copiesByRow(mine(tag)).values()]).toEqual(Array(24).fill(1));
        const rows = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
        expect(rows.map((r) => r.status)).toEqual(Array(24).fill('sent'));
        await expectTicking(rw, redis);
      }),
  );

  it('Redis killed mid-send and restarted empty: every message once, ticks resume', async () =>
    withOwnRedis(async (rw, redis, apiKey) => {
      smtp.behaviour = { data: () => ({ delayMs: 200 }) };
      const ids = await rw.enrolMany(apiKey, 'killed', 20);
      await smtp.waitFor(() => mine('killed').length >= 4);
      await redis.stop();
      await sleep(1500);
      await redis.start(); // it kept nothing on disk
      await smtp.waitFor(() => mine('killed').length >= 20, 30_000);
      await sleep(1500);
      smtp.behaviour = {};
      expect([...copiesByRow(mine('killed')).values()]).toEqual(Array(20).fill(1));
      const rows = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
      expect(rows.map((r) => r.status)).toEqual(Array(20).fill('sent'));
      await expectTicking(rw, redis);
    }));

  it('an enrolment committed while Redis is down gets its confirm email once Redis is back, once', async () =>
    withOwnRedis(async (rw, redis, apiKey) => {
      await redis.stop();
      const email = 'outage@example.com';
      const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
      expect(res.status).toBe(201); // Postgres holds the truth; the API does not need Redis to commit
      const ready = await rw.request('GET', `${rw.opsUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
      // The public port says only that it is not ready.
      const publicReady = await rw.request('GET', '/health/ready');
      expect([publicReady.status, publicReady.body]).toEqual([503, { status: 'unavailable' }]);
      await sleep(1000);
      expect(smtp.for(email)).toHaveLength(0);

      await redis.start(); // back, and empty
      await smtp.waitFor(() => smtp.for(email, 'confirm').length > 0, 30_000);
      await sleep(1500);
      expect(smtp.for(email, 'confirm')).toHaveLength(1);
    }));
});
