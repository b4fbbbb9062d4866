import { CLEAN_WALK, enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

/**
 * Several participants walked through weeks on the test clock, through HTTP, the worker and a real
 * SMTP listener: progression, a pain follow-up answered "worse", and a fall with its safety stop.
 */
describe('check-ins drive progression, follow-ups and safety stops', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Knee Clinic', 'coach@knee.test'));
    await rw.advanceClock(apiKey, '2027-04-05T10:00:00Z'); // Monday
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function enrolActive(email: string, audience = 'general'): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({
        email,
        timezone: 'Europe/London',
        audience,
        reminder: { days: ['mon', 'wed', 'fri'], time: '08:00' },
      }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    return String(created.body.id);
  }

  async function checkIn(id: string, at: string, report: Record<string, unknown>, key?: string) {
    await rw.advanceClock(apiKey, at);
    return rw.request<{ id: string; decision: { action: string; level: number; reasons: string[] } }>(
      'POST',
      `/v1/enrollments/${id}/check-ins`,
      { apiKey, body: { performedAt: at, ...report }, headers: key ? { 'idempotency-key': key } : {} },
    );
  }

  it('progresses level by level with a progression email', async () => {
    const email = 'progress@example.com';
    const id = await enrolActive(email);
    const first = await checkIn(id, '2027-04-05T11:00:00Z', CLEAN_WALK, 'walk-1');
    expect(first.status).toBe(201);
    expect(first.body.decision).toMatchObject({ action: 'carry_on', level: 1 });
    // A retry with the same key returns the first answer and records nothing new.
    const retry = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey,
      body: { performedAt: '2027-04-05T11:00:00Z', ...CLEAN_WALK },
      headers: { 'idempotency-key': 'walk-1' },
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await checkIn(id, '2027-04-07T11:00:00Z', CLEAN_WALK)).body.decision.action).toBe('carry_on');
    const third = await checkIn(id, '2027-04-09T11:00:00Z', CLEAN_WALK);
    expect(third.body.decision).toMatchObject({ action: 'progress', level: 2 });
    expect(third.body.decision.reasons.join(' ')).not.toBe('');
    await smtp.waitFor(() => smtp.for(email, 'progression').length === 1);
    expect(smtp.for(email, 'progression')[0]!.subject).toMatch(/level 2|Level 2/);

    const list = await rw.request<{ items: unknown[] }>('GET', `/v1/enrollments/${id}/check-ins`, { apiKey });
    expect(list.body.items).toHaveLength(3);
    const timeline = await rw.request<{ items: { type: string; action?: string; kind?: string }[] }>(
      'GET',
      `/v1/enrollments/${id}/timeline`,
      { apiKey },
    );
    expect(timeline.body.items.filter((e) => e.type === 'decision').map((e) => e.action)).toEqual([
      'carry_on',
      'carry_on',
      'progress',
    ]);
    expect(timeline.body.items.some((e) => e.type === 'message' && e.kind === 'progression')).toBe(true);
  });

  it('holds on pain 5, asks the next morning, and steps back on "worse"', async () => {
    const email = 'pain@example.com';
    const id = await enrolActive(email);
    const held = await checkIn(id, '2027-04-12T17:00:00Z', {
      ...CLEAN_WALK,
      painDuring: 5,
      painType: 'aching',
    });
    expect(held.body.decision.action).toBe('hold');
    await rw.advanceClock(apiKey, '2027-04-13T07:30:00Z'); // 08:30 BST next morning
    const followUps = smtp.for(email, 'pain_follow_up');
    expect(followUps).toHaveLength(1);
    // Sent at the end of quiet hours, 07:00 local (06:00Z in British Summer Time).
    expect(followUps[0]!.date.toISOString()).toBe('2027-04-13T06:00:00.000Z');
    const worse = await rw.request('POST', linkIn(followUps[0]!.text, 'follow-up-worse'));
    expect(worse.status).toBe(200);
    const timeline = await rw.request<{ items: { type: string; action?: string; source?: string }[] }>(
      'GET',
      `/v1/enrollments/${id}/timeline`,
      { apiKey },
    );
    expect(
      timeline.body.items.filter((e) => e.type === 'decision').map((e) => `${e.source}:${e.action}`),
    ).toEqual(['check_in:hold', 'follow_up:step_back']);
  });

  it('stops when the morning answer is a warning sign (swelling, sharp pain or giving way)', async () => {
    const email = 'warning.sign@example.com';
    const id = await enrolActive(email);
    expect(
      (await checkIn(id, '2027-04-13T17:00:00Z', { ...CLEAN_WALK, painDuring: 4, painType: 'aching' })).body
        .decision.action,
    ).toBe('hold');
    await rw.advanceClock(apiKey, '2027-04-14T07:00:00Z');
    const worseUrl = linkIn(smtp.for(email, 'pain_follow_up')[0]!.text, 'follow-up-worse');
    const page = await rw.request('GET', worseUrl);
    const redFlagAction = /action="(\/p\/follow-up-red-flag\/[^"]+)"/.exec(page.text)?.[1];
    expect(redFlagAction).toBeDefined();
    const stopped = await rw.request('POST', redFlagAction!);
    expect(stopped.status).toBe(200);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body.status).toBe(
      'needs_clearance',
    );
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
  });

  it('stops on a fall: safety email, coach alert, no more reminders, then clearance and resumed', async () => {
    const email = 'fall@example.com';
    const id = await enrolActive(email);
    const stopped = await checkIn(id, '2027-04-14T12:00:00Z', { ...CLEAN_WALK, fall: true });
    expect(stopped.body.decision.action).toBe('stop');
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
    const alertFor = () => smtp.for('coach@knee.test', 'coach_alert').find((m) => m.text.includes(id));
    await smtp.waitFor(() => alertFor() !== undefined);
    const safety = smtp.for(email, 'safety_stop')[0]!;
    expect(safety.header('list-unsubscribe')).toBeUndefined();
    expect(safety.text).toMatch(/stop/i);
    const alert = alertFor()!;
    expect(alert.text).toMatch(/fall/i);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body).toMatchObject({
      status: 'needs_clearance',
      nextReminderAt: null,
    });
    const remindersBefore = smtp.for(email, 'reminder').length;
    await rw.advanceClock(apiKey, '2027-04-21T12:00:00Z');
    expect(smtp.for(email, 'reminder')).toHaveLength(remindersBefore);
    const refused = await checkIn(id, '2027-04-21T12:30:00Z', CLEAN_WALK);
    expect(refused.status).toBe(409);

    const cleared = await rw.request('POST', `/v1/enrollments/${id}/clearance`, { apiKey });
    expect(cleared.status).toBe(201);
    expect(cleared.body).toMatchObject({ status: 'active', level: 1 });
    await smtp.waitFor(() => smtp.for(email, 'resumed').length === 1);
    await rw.advanceClock(apiKey, '2027-04-26T12:00:00Z');
    expect(smtp.for(email, 'reminder').length).toBeGreaterThan(remindersBefore);
  });

  it('asks the morning question once more after 48 hours without an answer, then keeps holding', async () => {
    const email = 'silent@example.com';
    const id = await enrolActive(email);
    expect(
      (await checkIn(id, '2027-04-26T17:00:00Z', { ...CLEAN_WALK, painDuring: 5, painType: 'aching' })).body
        .decision.action,
    ).toBe('hold');
    await rw.advanceClock(apiKey, '2027-05-01T12:00:00Z');
    const asks = smtp.for(email, 'pain_follow_up');
    expect(asks.map((m) => m.date.toISOString())).toEqual([
      '2027-04-27T06:00:00.000Z',
      '2027-04-29T06:00:00.000Z',
    ]);
    expect(asks[1]!.subject).toMatch(/^Reminder/);
    const clean = await checkIn(id, '2027-05-01T12:30:00Z', CLEAN_WALK);
    expect(clean.body.decision.action).toBe('carry_on');
  });

  it("a walk logged before the reminder cancels that day's reminder and keeps the next ones", async () => {
    const email = 'early.bird@example.com';
    const id = await enrolActive(email); // Mon, Wed, Fri at 08:00 London (07:00Z in summer time)
    await rw.advanceClock(apiKey, '2027-05-03T08:00:00Z');
    const before = smtp.for(email, 'reminder').length;
    await checkIn(id, '2027-05-05T06:00:00Z', CLEAN_WALK); // Wednesday 07:00, before its 08:00 reminder
    await rw.advanceClock(apiKey, '2027-05-07T08:00:00Z');
    const days = smtp
      .for(email, 'reminder')
      .slice(before)
      .map((m) => m.date.toISOString());
    expect(days).toEqual(['2027-05-07T07:00:00.000Z']); // no Wednesday reminder; Friday as usual
  });

  it('nudges after a quiet week, at most once a fortnight, and a walk moves the next nudge', async () => {
    const email = 'quiet@example.com';
    await rw.advanceClock(apiKey, '2027-06-07T10:00:00Z'); // Monday 11:00 in London
    const id = await enrolActive(email);
    await rw.advanceClock(apiKey, '2027-06-26T10:00:00Z');
    expect(smtp.for(email, 're_engagement').map((m) => m.date.toISOString())).toEqual([
      '2027-06-14T10:00:00.000Z',
    ]);
    await checkIn(id, '2027-06-26T10:30:00Z', CLEAN_WALK);
    await rw.advanceClock(apiKey, '2027-07-02T10:00:00Z');
    expect(smtp.for(email, 're_engagement')).toHaveLength(1);
    await rw.advanceClock(apiKey, '2027-07-04T10:00:00Z');
    // A week after the walk (3 July, 10:30), and more than a fortnight after the first nudge.
    expect(smtp.for(email, 're_engagement').map((m) => m.date.toISOString())).toEqual([
      '2027-06-14T10:00:00.000Z',
      '2027-07-03T10:30:00.000Z',
    ]);
  });

  it('completes the programme after six weeks of sessions with a completion email', async () => {
    const email = 'finisher@example.com';
    await rw.advanceClock(apiKey, '2027-08-02T09:00:00Z'); // Monday
    const id = await enrolActive(email);
    const start = Date.parse('2027-08-02T12:00:00Z');
    let last = { action: '', status: 0 };
    for (let week = 0; week < 6; week++) {
      for (const day of [0, 2, 4]) {
        const at = new Date(start + (week * 7 + day) * 86_400_000).toISOString();
        const res = await checkIn(id, at, CLEAN_WALK);
        last = { action: res.body.decision.action, status: res.status };
      }
    }
    expect(last.status).toBe(201);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body.status).toBe('active');
    // Six weeks after confirming, the eighteenth session is done: the next walk completes it.
    await checkIn(id, '2027-09-13T12:00:00Z', CLEAN_WALK);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body).toMatchObject({
      status: 'completed',
      nextReminderAt: null,
    });
    await smtp.waitFor(() => smtp.for(email, 'completion').length === 1);
    expect(smtp.for(email, 'completion')[0]!.text).toMatch(/19 sessions/);
    const reminders = smtp.for(email, 'reminder').length;
    await rw.advanceClock(apiKey, '2027-09-27T12:00:00Z');
    expect(smtp.for(email, 'reminder')).toHaveLength(reminders);
  });

  it('sends a weekly summary with an inline chart on the first chosen weekday, without praise after a hold', async () => {
    const email = 'weekly@example.com';
    await rw.advanceClock(apiKey, '2027-10-04T09:00:00Z'); // Monday
    const id = await enrolActive(email);
    await checkIn(id, '2027-10-11T10:00:00Z', { ...CLEAN_WALK, durationMinutes: 12, painDuring: 2 });
    await checkIn(id, '2027-10-13T10:00:00Z', { ...CLEAN_WALK, durationMinutes: 9, painDuring: 1 });
    const sore = await checkIn(id, '2027-10-15T10:00:00Z', {
      ...CLEAN_WALK,
      durationMinutes: 10,
      painDuring: 5,
    });
    expect(sore.body.decision.action).toBe('hold');
    await rw.advanceClock(apiKey, '2027-10-18T18:30:00Z');
    const summaries = smtp.for(email, 'weekly_summary');
    // The first after a full week (Mon 11 Oct, 18:00 London), then a week later.
    expect(summaries.map((m) => m.date.toISOString())).toEqual([
      '2027-10-11T17:00:00.000Z',
      '2027-10-18T17:00:00.000Z',
    ]);
    const second = summaries[1]!;
    expect(second.subject).toBe('Your retro walking week: 3 walks, 3 planned');
    expect(second.text).toContain('3 walks, 3 planned, 31 minutes in all.');
    expect(second.text).toContain('Your knee was sore after one walk');
    expect(second.text).toMatch(/What happens next \*\*\nKeep to this level/);
    expect(second.text).not.toMatch(/well done|every session/i);
    const chart = second.raw.attachments.find((a) => a.contentType === 'image/png');
    expect(chart?.cid).toBeDefined();
    // mailparser inlines cid: images as data URIs, so the image is referenced and arrives with the mail.
    expect(second.html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(second.html).toMatch(/alt="Minutes walked each day: Mon 12 min/);
  });

  it('refuses check-ins in the future or long ago, naming the field', async () => {
    const id = await enrolActive('dates@example.com');
    const now = (await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now;
    const future = new Date(Date.parse(now) + 3_600_000).toISOString();
    const res = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey,
      body: { ...CLEAN_WALK, performedAt: future },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'validation_failed', details: [{ field: 'performedAt' }] },
    });
    // A date alone, or a time without its offset, names no moment: refused, not read as midnight UTC.
    for (const performedAt of [now.slice(0, 10), now.slice(0, 19)]) {
      const vague = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
        apiKey,
        body: { ...CLEAN_WALK, performedAt },
      });
      expect(vague.status).toBe(400);
      expect(vague.body).toMatchObject({
        error: {
          code: 'validation_failed',
          details: [{ field: 'performedAt', message: expect.stringContaining('UTC offset') }],
        },
      });
    }
    const bad = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey,
      body: { ...CLEAN_WALK, performedAt: now, painDuring: 11 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('painDuring');
  });
});
