import { setTimeout as sleep } from 'node:timers/promises';
import { enrollmentBody, freePort, OwnRedis, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

describe('Redis outage', () => {
  it('an enrolment committed while Redis is down gets its confirm email once Redis is back, once', async () => {
    const smtp = await new SmtpSink().start();
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, redisUrl: redis.url });
    try {
      const { apiKey } = await rw.createOrganization();
      await rw.advanceClock(apiKey, '2027-06-01T12:00:00Z');

      await redis.stop();
      const email = 'outage@example.com';
      const res = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
      expect(res.status).toBe(201); // Postgres holds the truth; the API does not need Redis to commit
      const ready = await rw.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
      await sleep(1000);
      expect(smtp.for(email)).toHaveLength(0);

      await redis.start(); // back, and empty: it kept nothing on disk
      await smtp.waitFor(() => smtp.for(email, 'confirm').length > 0, 30_000);
      await sleep(1500); // long enough for a duplicate to show up, were there one
      expect(smtp.for(email, 'confirm')).toHaveLength(1);
    } finally {
      await rw.close();
      await redis.stop();
      await smtp.stop();
    }
  });
});
