import { type JobState, type Queue } from 'bullmq';
import type IORedis from 'ioredis';

/** States in which a job will still run; anything else (failed, completed, gone) will not. */
const LIVE_STATES: readonly (JobState | 'unknown')[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
];

/**
 * Which of these send jobs will still run. An active job is alive only while its worker holds the
 * lock: a worker killed after taking a job leaves it "active" in BullMQ until the stalled-job check,
 * up to a minute later, and its row would wait that long for nothing. Taking such a row over is
 * safe: claims are fenced, so the old job, should it ever run on, finds its claim gone and sends
 * nothing.
 */
export async function liveSendJobIds(
  queue: Queue,
  redis: IORedis,
  jobIds: readonly string[],
): Promise<Set<string>> {
  const live = new Set<string>();
  for (let i = 0; i < jobIds.length; i += 200) {
    const chunk = jobIds.slice(i, i + 200);
    const states = await Promise.all(chunk.map((id) => queue.getJobState(id)));
    const locked = await lockedJobs(
      queue,
      redis,
      chunk.filter((_, n) => states[n] === 'active'),
    );
    chunk.forEach((id, n) => {
      if (LIVE_STATES.includes(states[n]!) && (states[n] !== 'active' || locked.has(id))) live.add(id);
    });
  }
  return live;
}

/** Which of these active jobs a worker still holds (BullMQ's lock key, renewed while it runs). */
async function lockedJobs(queue: Queue, redis: IORedis, jobIds: readonly string[]): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.exists(`${queue.toKey(id)}:lock`);
  const replies = (await pipeline.exec()) ?? [];
  return new Set(jobIds.filter((_, n) => replies[n]?.[1] === 1));
}
