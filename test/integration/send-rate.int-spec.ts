import { setTimeout as sleep } from 'node:timers/promises';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EnrollmentService } from '@retrowalk/application';
import { NOTHING_TO_REPORT } from '@retrowalk/domain';
import { enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';

const RATE = 4;

/**
 * SEND_RATE_PER_SECOND is one budget for the whole fleet (BullMQ's limiter, in Redis): two workers
 * together start no more than it allows. And safety mail goes first: a stop reported behind a queue
 * of other mail arrives before most of it.
 */
describe('the fleet-wide send rate, and safety first', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let second: NestFastifyApplication;
  let organizationId: string;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({
      smtpUrl: smtp.url,
      env: { SEND_RATE_PER_SECOND: String(RATE), DISPATCH_INTERVAL_MS: '100' },
    });
    second = await createWorkerApp(rw.config, rw.logger('worker-b'));
    await second.init();
    ({ organizationId, apiKey } = await rw.createOrganization('Rate Physio', 'coach@rate.test'));
  });

  afterAll(async () => {
    await second.close();
    await rw.close();
    await smtp.stop();
  });

  it('two workers together send no faster than the rate, and a safety email overtakes the queue', async () => {
    const email = 'stopping@rate.example';
    const res = await rw.request<{ id: string }>('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    await sleep(1100); // a fresh window of the limiter

    const enrolments = rw.api.get(EnrollmentService);
    const started = Date.now();
    const before = smtp.received.length;
    for (let i = 0; i < 16; i++) {
      await enrolments.enroll(organizationId, {
        email: `queued-${i}@rate.example`,
        firstName: 'Queued',
        timezone: 'UTC',
        reminder: { days: ['mon'], time: '07:30' },
        audience: 'general',
        screening: NOTHING_TO_REPORT,
      });
    }
    expect(await rw.walkNow(apiKey, res.body.id, { fall: true })).toBe('stop');
    await smtp.waitFor(() => smtp.received.length >= before + 18, 30_000);
    const took = Date.now() - started;
    // 18 messages at 4 a second across both workers: at least four full windows.
    expect(took).toBeGreaterThanOrEqual(Math.floor(18 / RATE - 1) * 1000);

    const order = smtp.received.slice(before).map((m) => m.kind);
    const confirms = order.filter((k) => k === 'confirm').length;
    expect(confirms).toBe(16);
    // Both safety messages came before most of the confirmations queued ahead of them.
    expect(order.indexOf('safety_stop')).toBeLessThan(10);
    expect(order.indexOf('coach_alert')).toBeLessThan(10);
  });
});
