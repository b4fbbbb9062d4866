import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { enrollmentBody, freePort, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import IORedis from 'ioredis';

/** A Redis of this test's own, so stopping it disturbs neither the machine's Redis nor other tests. */
class OwnRedis {
  private process: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const probe = new IORedis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await sleep(50);
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
    this.process = null;
  }
}

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
