import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, OwnRedis, RetrowalkHarness } from '@retrowalk/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';

const HEADER =
  'email,firstName,timezone,audience,severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance';
const fileOf = (...names: string[]) =>
  [HEADER, ...names.map((n) => `${n}@requeue.test,${n},Europe/London,general,no,no,no,no,no,no`)].join('\n');

interface ImportBody {
  id: string;
  status: string;
  rows: { total: number; succeeded: number; failed: number };
}

/**
 * An import whose job is lost (Redis away when the upload committed) or dead (in BullMQ's failed set
 * while the import is unfinished) is picked up by the worker's tick once it made no progress for a
 * while. Own Redis, so stopping it disturbs nobody else.
 */
describe('Imports whose job was lost', () => {
  let redis: OwnRedis;
  let rw: RetrowalkHarness;
  let apiKey: string;

  const upload = (csv: string) =>
    rw.request<ImportBody>('POST', '/v1/imports', {
      apiKey,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
  const status = async (id: string) =>
    (await rw.request<ImportBody>('GET', `/v1/imports/${id}`, { apiKey })).body;

  async function until(id: string, wanted: string, ms = 20_000): Promise<ImportBody> {
    const deadline = Date.now() + ms;
    for (;;) {
      const body = await status(id);
      if (body.status === wanted) return body;
      if (Date.now() > deadline) throw new Error(`import still ${body.status}, not ${wanted}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    rw = await RetrowalkHarness.start({ redisUrl: redis.url });
    ({ apiKey } = await rw.createOrganization());
    await rw.advanceClock(apiKey, '2027-06-01T12:00:00Z');
  });

  afterAll(async () => {
    await rw?.close();
    await redis?.stop();
  });

  it('an upload committed while Redis is down is processed once Redis is back and it stalled', async () => {
    await redis.stop();
    const res = await upload(fileOf('ada', 'ben'));
    expect(res.status).toBe(202); // Postgres holds the truth; the job could not be queued
    const id = res.body.id;

    await redis.start(); // back, and empty: the job never existed
    await sleep(1500); // several ticks: too fresh to be called stalled yet
    expect((await status(id)).status).toBe('queued');

    await rw.advanceClock(apiKey, '2027-06-01T12:03:00Z'); // past the stall threshold
    const done = await until(id, 'completed');
    expect(done.rows).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
  });

  it('an import whose job sits in the failed set is queued again, not blocked by the old job id', async () => {
    await rw.stopWorker();
    const res = await upload(fileOf('cai', 'dot', 'eli'));
    expect(res.status).toBe(202);
    const id = res.body.id;

    // The state a worker that died mid-job too often leaves behind: BullMQ itself moves the job to
    // its failed set, and nothing of ours ran to mark the import failed.
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    const failing = new Worker(
      'imports',
      () => Promise.reject(new UnrecoverableError('worker lost the job')),
      { connection, prefix: `{${rw.config.redisPrefix}}` },
    );
    const failedJobId = await new Promise<string | undefined>((resolve) =>
      failing.once('failed', (job) => resolve(job?.id)),
    );
    await failing.close();
    connection.disconnect();
    expect(failedJobId).toBe(`import-${id}`);
    expect((await status(id)).status).toBe('queued');

    await rw.startWorker();
    await rw.advanceClock(apiKey, '2027-06-01T12:06:00Z');
    const done = await until(id, 'completed');
    expect(done.rows).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
  });
});
