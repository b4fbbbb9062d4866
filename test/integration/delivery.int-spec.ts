import { setTimeout as sleep } from 'node:timers/promises';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, DispatchService, EnrollmentService, type TestClock } from '@retrowalk/application';
import { localParts, NOTHING_TO_REPORT } from '@retrowalk/domain';
import { MessageDeliveryRepository, MessageRepository, UnitOfWork } from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu'];

async function enrol(
  rw: RetrowalkHarness,
  organizationId: string,
  count: number,
  tag: string,
  confirm = true,
) {
  const service = rw.api.get(EnrollmentService);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { enrollment } = await service.enroll(organizationId, {
      email: `${tag}-${i}@example.com`,
      firstName: `Walker ${i}`,
      timezone: ZONES[i % ZONES.length]!,
      reminder: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], time: '07:30' },
      audience: 'general',
      screening: NOTHING_TO_REPORT,
    });
    if (confirm) await service.confirmByLink(enrollment.id);
    ids.push(enrollment.id);
  }
  return ids;
}

async function setClock(rw: RetrowalkHarness, iso: string): Promise<void> {
  await rw.api.get<Clock, TestClock>(Clock).set(new Date(iso));
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('delivery: each message once, whatever fails', () => {
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
  });

  afterAll(async () => {
    await smtp.stop();
  });

  it('two dispatchers racing send each reminder once', async () => {
    // Small batches so the two workers' dispatchers interleave claim after claim.
    const rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      worker: false,
      env: { DISPATCH_BATCH_SIZE: '7' },
    });
    const extra: NestFastifyApplication[] = [];
    try {
      const { organizationId, apiKey } = await rw.createOrganization();
      await setClock(rw, '2027-03-01T00:00:00Z');
      const ids = await enrol(rw, organizationId, 40, 'race');
      await rw.startWorker();
      extra.push(await createWorkerApp(rw.config, rw.logger('worker-b')));
      await extra[0]!.init();
      // Both dispatchers claim at once as well as on their own ticks.
      await Promise.all([
        rw.worker!.get(DispatchService).dispatchDue(),
        extra[0]!.get(DispatchService).dispatchDue(),
      ]);
      await rw.advanceClock(apiKey, '2027-03-04T00:00:00Z');

      const mine = smtp.received.filter((m) => m.to.startsWith('race-'));
      const perKind = countBy(mine, (m) => m.kind);
      // Confirmed before their confirm email went out: no longer wanted, so skipped, not sent.
      expect(perKind.get('confirm')).toBeUndefined();
      expect(perKind.get('welcome')).toBe(40);
      // Every reminder is for a distinct (participant, local date): no double sends.
      const reminderKeys = mine
        .filter((m) => m.kind === 'reminder')
        .map((m) => {
          const zone = ZONES[Number(/race-(\d+)@/.exec(m.to)![1]) % ZONES.length]!;
          return `${m.to} ${localParts(m.date, zone).date}`;
        });
      expect(new Set(reminderKeys).size).toBe(reminderKeys.length);
      // Daily reminders at 07:30 local between 1 and 4 March UTC: 3 per participant in every zone here.
      expect(countBy(reminderKeys, (k) => k.split(' ')[0]!)).toEqual(
        new Map(ids.map((_, i) => [`race-${i}@example.com`, 3])),
      );
      // A redelivered job for a sent row does nothing.
      const sent = (await rw.api.get(MessageRepository).listForEnrollment(ids[0]!)).map((m) => ({
        id: m.id,
        claim: m.claimSeq,
      }));
      const before = smtp.received.length;
      await rw.worker!.get(JobRepository).enqueueSends(sent);
      await sleep(500);
      expect(smtp.received.length).toBe(before);
    } finally {
      for (const app of extra) await app.close();
      await rw.close();
    }
  });

  it('a worker that died after claiming, before enqueueing, loses nothing: the lease runs out and the row goes out once', async () => {
    const rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      worker: false,
      env: { DISPATCH_LEASE_MS: '60000' },
    });
    try {
      const { organizationId } = await rw.createOrganization();
      await setClock(rw, '2027-05-03T10:00:00Z');
      // A worker has run against this Redis before (it knows the Redis epoch), then stopped.
      await rw.startWorker();
      await rw.stopWorker();
      const ids = await enrol(rw, organizationId, 5, 'claimed', false);
      // The first half of a dispatch (claim and commit), then the process "dies" before addBulk.
      const now = new Date('2027-05-03T10:00:00Z');
      const claimed = await rw.api
        .get(UnitOfWork)
        .run((tx) =>
          rw.api.get(MessageDeliveryRepository).claimDue(tx, now, 1000, new Date(now.getTime() + 60_000)),
        );
      expect(claimed.map((m) => m.kind)).toEqual(Array(5).fill('confirm'));

      await rw.startWorker();
      await sleep(800); // ticks run, but the lease still holds: nothing may be sent twice meanwhile
      expect(smtp.received.filter((m) => m.to.startsWith('claimed-'))).toHaveLength(0);

      await setClock(rw, '2027-05-03T10:01:30Z'); // past the lease
      await smtp.waitFor(() => smtp.received.filter((m) => m.to.startsWith('claimed-')).length === 5);
      await sleep(800);
      const mine = smtp.received.filter((m) => m.to.startsWith('claimed-'));
      expect(countBy(mine, (m) => `${m.to}/${m.kind}`)).toEqual(
        new Map(ids.map((_, i) => [`claimed-${i}@example.com/confirm`, 1])),
      );
    } finally {
      await rw.close();
    }
  });

  it('jobs enqueued by a worker that then died are sent once by the next worker', async () => {
    const rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, worker: false });
    try {
      const { organizationId } = await rw.createOrganization();
      await setClock(rw, '2027-05-03T10:00:00Z');
      await enrol(rw, organizationId, 5, 'orphan', false);
      // Dispatch without any send worker alive: the jobs wait in Redis.
      const result = await rw.api.get(DispatchService).dispatchDue();
      expect(result.claimed).toBe(5);
      await rw.startWorker();
      await smtp.waitFor(() => smtp.received.filter((m) => m.to.startsWith('orphan-')).length === 5);
      await sleep(500);
      expect(smtp.received.filter((m) => m.to.startsWith('orphan-'))).toHaveLength(5);
    } finally {
      await rw.close();
    }
  });

  it('the test clock moves on when nothing can deliver, and names what was not delivered and why', async () => {
    const rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      worker: false,
      env: { TEST_CLOCK_STALL_MS: '500' },
    });
    try {
      const { organizationId, apiKey } = await rw.createOrganization();
      await setClock(rw, '2027-05-03T10:00:00Z');
      await enrol(rw, organizationId, 2, 'stuck', false);
      const started = Date.now();
      const res = await rw.request<{
        error: {
          code: string;
          details: { now: string; notDelivered: number; messages: { kind: string; why: string }[] };
        };
      }>('POST', '/v1/test-clock', { apiKey, body: { now: '2027-05-03T11:00:00Z' } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.status).toBe(504);
      expect(res.body.error.code).toBe('test_clock_timeout');
      expect(res.body.error.details).toMatchObject({ now: '2027-05-03T11:00:00.000Z', notDelivered: 2 });
      expect(res.body.error.details.messages.map((m) => [m.kind, m.why])).toEqual([
        ['confirm', 'due, but no dispatcher claimed it'],
        ['confirm', 'due, but no dispatcher claimed it'],
      ]);
      // The clock moved all the same; a worker that starts now sends what was waiting.
      expect((await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now).toBe(
        '2027-05-03T11:00:00.000Z',
      );
      await rw.startWorker();
      await rw.advanceClock(apiKey, '2027-05-03T11:01:00Z');
      expect(smtp.received.filter((m) => m.to.startsWith('stuck-'))).toHaveLength(2);
    } finally {
      await rw.close();
    }
  });
});
