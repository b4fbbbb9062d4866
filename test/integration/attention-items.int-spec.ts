import { AttentionService, CheckInService } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

interface Item {
  id: string;
  enrollmentId: string;
  kind: string;
  status: string;
  acknowledgedBy: { kind: string; id: string } | null;
  note: string | null;
  closedBy: string | null;
}

/**
 * Attention items against the real database, queue and mail: opened in their cause's transaction,
 * one open per person and kind, closed by their cause or acknowledged with a note; the time
 * triggers; and the clearance policies with who cleared whom in the audit and the timeline.
 */
describe('attention items and the clearance policies', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let admin: string;
  let organizationId: string;
  let uow: UnitOfWork;
  let clock = Date.parse('2027-09-06T08:00:00Z'); // Monday, 09:00 in London

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey: admin, organizationId } = await rw.createOrganization(
      'Northside Physio',
      'coach@northside.test',
    ));
    await rw.advanceClock(admin, new Date(clock));
    uow = rw.api.get(UnitOfWork);
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function later(ms: number): Promise<void> {
    clock += ms;
    await rw.advanceClock(admin, new Date(clock));
  }

  async function enrolActive(email: string): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey: admin,
      body: enrollmentBody({ email, firstName: email.split('@')[0], timezone: 'Europe/London' }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    return String(created.body.id);
  }

  async function walk(id: string, report: Record<string, unknown> = {}) {
    return rw.request<{ decision: { action: string } }>('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey: admin,
      body: { ...CLEAN_WALK, performedAt: new Date(clock - 60_000).toISOString(), ...report },
    });
  }

  async function itemsOf(id: string, status = 'open'): Promise<Item[]> {
    const res = await rw.request<{ data: Item[] }>('GET', `/v1/attention?status=${status}&limit=200`, {
      apiKey: admin,
    });
    return res.body.data.filter((i) => i.enrollmentId === id);
  }

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('Timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('opens safety_stop in the check-in’s own transaction: both commit, or neither', async () => {
    const id = await enrolActive('fall.rollback@example.com');
    const checkIns = rw.api.get(CheckInService);
    await expect(
      uow.asOrganization(organizationId, async () => {
        await checkIns.record(
          { organizationId, enrollmentId: id },
          { ...CLEAN_WALK, painType: 'none', fall: true, performedAt: new Date(clock - 60_000) },
          null,
        );
        // The item is there inside the transaction...
        const inside = await uow.manager.query<unknown[]>(
          `SELECT 1 FROM attention_items WHERE enrollment_id = $1 AND kind = 'safety_stop'`,
          [id],
        );
        expect(inside).toHaveLength(1);
        throw new Error('the request failed after the check-in');
      }),
    ).rejects.toThrow('the request failed');
    // ...and gone with it.
    expect(await itemsOf(id)).toEqual([]);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: admin })).body.status).toBe('active');

    expect((await walk(id, { fall: true, painType: 'none' })).body.decision.action).toBe('stop');
    const [item] = await itemsOf(id);
    expect(item).toMatchObject({ kind: 'safety_stop', status: 'open', acknowledgedBy: null });
    const stored = await uow.manager.query<{ check_in_id: string | null }[]>(
      `SELECT check_in_id FROM attention_items WHERE id = $1`,
      [item!.id],
    );
    expect(stored[0]!.check_in_id).not.toBeNull();
  });

  it('keeps one open item per person and kind, however often the cause repeats', async () => {
    const id = await enrolActive('twice@example.com');
    await walk(id, { fall: true, painType: 'none' });
    const attention = rw.api.get(AttentionService);
    const again = await uow.run((tx) =>
      attention.record(
        tx,
        { id, organizationId },
        { type: 'walk_logged', action: 'stop', needsFollowUp: false },
        new Date(clock),
      ),
    );
    expect(again).toEqual([]);
    expect((await itemsOf(id)).map((i) => i.kind)).toEqual(['safety_stop']);
    await expect(
      uow.manager.query(
        `INSERT INTO attention_items (organization_id, enrollment_id, kind, urgency, status, opened_at)
         VALUES ($1, $2, 'safety_stop', 0, 'open', now())`,
        [organizationId, id],
      ),
    ).rejects.toThrow(/attention_items_one_open/);
  });

  it('acknowledges with a note, recording who and when; twice is a 409, no note a 400', async () => {
    const id = await enrolActive('ack@example.com');
    await walk(id, { dizziness: true, painType: 'none' });
    const [item] = await itemsOf(id);
    const empty = await rw.request('POST', `/v1/attention/${item!.id}/acknowledge`, {
      apiKey: admin,
      body: { note: '   ' },
    });
    expect(empty.status).toBe(400);
    const done = await rw.request<Item & { acknowledgedAt: string }>(
      'POST',
      `/v1/attention/${item!.id}/acknowledge`,
      {
        apiKey: admin,
        body: { note: 'Called them: resting, seeing the GP tomorrow.' },
      },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'acknowledged',
      note: 'Called them: resting, seeing the GP tomorrow.',
      acknowledgedBy: { kind: 'api_key', id: expect.any(String) },
      acknowledgedAt: new Date(clock).toISOString(),
    });
    expect(
      (
        await rw.request('POST', `/v1/attention/${item!.id}/acknowledge`, {
          apiKey: admin,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(409);
    expect(await itemsOf(id)).toEqual([]);
    expect((await itemsOf(id, 'acknowledged')).map((i) => i.id)).toEqual([item!.id]);
  });

  it('opens follow_up_unanswered 48 hours after the question, closes it with the answer, and opens pain_worse', async () => {
    const id = await enrolActive('quiet.knee@example.com');
    expect((await walk(id, { painDuring: 4, painType: 'aching' })).body.decision.action).toBe('hold');
    await later(20 * 3_600_000); // the next-morning question goes out
    expect(await itemsOf(id)).toEqual([]);
    await later(50 * 3_600_000); // and two days pass without an answer
    await eventually(async () => (await itemsOf(id)).length > 0);
    expect((await itemsOf(id)).map((i) => i.kind)).toEqual(['follow_up_unanswered']);

    const question = smtp.for('quiet.knee@example.com', 'pain_follow_up').at(-1)!;
    await rw.request('POST', linkIn(question.text, 'follow-up-worse'));
    expect((await itemsOf(id)).map((i) => i.kind)).toEqual(['pain_worse']);
    expect((await itemsOf(id, 'closed')).map((i) => [i.kind, i.closedBy])).toEqual([
      ['follow_up_unanswered', 'follow_up_answered'],
    ]);
  });

  it('opens inactive after a week without a walk while active, and a walk closes it', async () => {
    const id = await enrolActive('idle@example.com');
    await walk(id);
    await later(6 * 86_400_000);
    expect((await itemsOf(id)).map((i) => i.kind)).not.toContain('inactive');
    await later(86_400_000 + 60_000);
    await eventually(async () => (await itemsOf(id)).some((i) => i.kind === 'inactive'));
    await walk(id);
    expect((await itemsOf(id)).map((i) => i.kind)).not.toContain('inactive');
    expect((await itemsOf(id, 'closed')).find((i) => i.kind === 'inactive')?.closedBy).toBe('walk_logged');
    // Paused people are not waited for.
    await rw.request('POST', `/v1/enrollments/${id}/pause`, { apiKey: admin });
    await later(8 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a few worker ticks
    expect((await itemsOf(id)).map((i) => i.kind)).not.toContain('inactive');
  });

  it('with coach_confirms, records the participant’s word and waits for a coach, who clears with a note', async () => {
    const email = 'confirm.me@example.com';
    const id = await enrolActive(email);
    await walk(id, { kneeGaveWay: true, painType: 'none' });
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
    const cleared = linkIn(smtp.for(email, 'safety_stop')[0]!.text, 'cleared');
    const page = await rw.request('POST', cleared);
    expect(page.text).toContain('we have told your coach');
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: admin })).body.status).toBe(
      'needs_clearance',
    );
    expect((await itemsOf(id)).map((i) => i.kind).sort()).toEqual(['clearance_requested', 'safety_stop']);
    await smtp.waitFor(() => smtp.for('coach@northside.test', 'clearance_notice').length === 1);
    const notice = smtp.for('coach@northside.test', 'clearance_notice')[0]!;
    expect(notice.subject).toMatch(/please confirm/);
    expect(notice.text).toContain(`/coach/participants/${id}`);
    // Saying it twice tells the coach once.
    expect((await rw.request('POST', cleared)).text).toContain('we have told your coach');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.for('coach@northside.test', 'clearance_notice')).toHaveLength(1);

    const res = await rw.request('POST', `/v1/enrollments/${id}/clearance`, {
      apiKey: admin,
      body: { note: 'Dr Osei (GP) examined the knee on Tuesday: fine to walk.' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('active');
    expect(await itemsOf(id)).toEqual([]);
    const timeline = await rw.request<{
      items: { type: string; action?: string; actor?: unknown; note?: string }[];
    }>('GET', `/v1/enrollments/${id}/timeline`, { apiKey: admin });
    const clearances = timeline.body.items.filter((e) => e.type === 'decision' && e.action !== 'stop');
    expect(clearances.map((e) => [e.action, e.actor, e.note])).toEqual([
      ['clearance_requested', { kind: 'participant', id: null }, null],
      [
        'resume',
        { kind: 'api_key', id: expect.any(String) },
        'Dr Osei (GP) examined the knee on Tuesday: fine to walk.',
      ],
    ]);
  });

  it('with participant_attests, their word restarts the programme, a coach gets an item and an email', async () => {
    const patched = await rw.request('PATCH', '/v1/organization', {
      apiKey: admin,
      body: { clearancePolicy: 'participant_attests' },
    });
    expect(patched.body.clearancePolicy).toBe('participant_attests');
    const email = 'attests@example.com';
    const id = await enrolActive(email);
    await walk(id, { swelling: true, painType: 'none' });
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
    const page = await rw.request('POST', linkIn(smtp.for(email, 'safety_stop')[0]!.text, 'cleared'));
    expect(page.text).toContain('Welcome back');
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey: admin })).body.status).toBe('active');
    expect((await itemsOf(id)).map((i) => i.kind)).toEqual(['clearance_requested']);
    expect((await itemsOf(id, 'closed')).map((i) => [i.kind, i.closedBy])).toEqual([
      ['safety_stop', 'cleared'],
    ]);
    await smtp.waitFor(() => smtp.for('coach@northside.test', 'clearance_notice').length === 2);
    expect(smtp.for('coach@northside.test', 'clearance_notice')[1]!.subject).toMatch(
      /restarted after a safety stop/,
    );
    const decisions = await uow.manager.query<{ action: string; actor_kind: string }[]>(
      `SELECT action, actor_kind FROM decisions WHERE enrollment_id = $1 AND source = 'clearance'`,
      [id],
    );
    expect(decisions).toEqual([{ action: 'resume', actor_kind: 'participant' }]);
    await rw.request('PATCH', '/v1/organization', {
      apiKey: admin,
      body: { clearancePolicy: 'coach_confirms' },
    });
  });

  it('closes everything and keeps no note when the person is erased', async () => {
    const id = await enrolActive('erase.items@example.com');
    await walk(id, { fall: true, painType: 'none' });
    const [item] = await itemsOf(id);
    await rw.request('POST', `/v1/attention/${item!.id}/acknowledge`, {
      apiKey: admin,
      body: { note: 'Spoke to erase.items about the fall' },
    });
    await walk(id).catch(() => undefined);
    expect((await rw.request('DELETE', `/v1/enrollments/${id}`, { apiKey: admin })).status).toBe(204);
    const rows = await uow.manager.query<{ status: string; note: string | null }[]>(
      `SELECT status, note FROM attention_items WHERE enrollment_id = $1`,
      [id],
    );
    expect(rows.every((r) => r.status !== 'open' && r.note === null)).toBe(true);
    const timers = await uow.manager.query<unknown[]>(
      `SELECT 1 FROM attention_timers WHERE enrollment_id = $1`,
      [id],
    );
    expect(timers).toEqual([]);
  });
});
