import { loadConfig } from '@retrowalk/config';
import { JobRepository } from '@retrowalk/queue';
import { dropRedisKeys, uniqueRedisPrefix } from '@retrowalk/testing';
import { Worker } from 'bullmq';
import IORedis from 'ioredis';

/**
 * Which send jobs still count as alive when their row's lease has lapsed: waiting ones (a backlog),
 * and active ones only while a worker holds their lock. A worker killed after taking a job leaves it
 * "active" in BullMQ until the stalled-job check, a minute later; its row is taken over at once
 * instead (claims are fenced, so the old job could send nothing). Real Redis, own prefix.
 */
describe('send job liveness, for lapsed claims', () => {
  const prefix = uniqueRedisPrefix();
  const config = loadConfig({ REDIS_PREFIX: prefix });
  let jobs: JobRepository;
  let redis: IORedis;

  beforeAll(async () => {
    jobs = new JobRepository(config);
    await jobs.onModuleInit();
    redis = new IORedis(config.redisUrl, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await jobs.close(true);
    redis.disconnect();
    await dropRedisKeys(config.redisUrl, prefix);
  });

  it('counts waiting and locked active jobs, not an active job whose worker is gone, nor one never added', async () => {
    await jobs.enqueueSends([
      { id: 'held', claim: 1 },
      { id: 'orphan', claim: 1 },
      { id: 'waits', claim: 1 },
    ]);
    // Take two jobs the way a worker does (active, with a lock), without running them.
    const sendQueue = jobs.dashboardQueues().find((q) => q.name === 'send')!;
    const connection = new IORedis(config.redisUrl, { maxRetriesPerRequest: null });
    const taker = new Worker(sendQueue.name, null, {
      connection,
      prefix: sendQueue.opts.prefix!,
      lockDuration: 60_000,
    });
    const taken = [await taker.getNextJob('token-1'), await taker.getNextJob('token-2')];
    expect(taken.map((j) => j?.id).sort()).toEqual(['held.1', 'orphan.1']);
    // The worker that held "orphan" died: its lock ran out, its job still says active.
    await redis.del(`${sendQueue.opts.prefix!}:send:orphan.1:lock`);

    const live = await jobs.liveSendJobs([
      { id: 'held', claim: 1 },
      { id: 'orphan', claim: 1 },
      { id: 'waits', claim: 1 },
      { id: 'never', claim: 1 },
    ]);
    expect([...live].sort()).toEqual(['held.1', 'waits.1']);
    await taker.close(true);
    connection.disconnect();
  });
});
