import { LinkService, type OutcomeChecksView } from '@retrowalk/application';
import { renderOutcomeChecksFragment } from '@retrowalk/http';
import { UnitOfWork } from '@retrowalk/persistence';
import { NOTHING_TO_REPORT } from '@retrowalk/domain';
import { enrollmentBody, linkIn, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

/**
 * Outcome checks through HTTP, the worker and a real SMTP listener on the test clock: when they
 * are asked and reminded, the questionnaire page, answering once, the organisation's setting.
 * Everyone pauses right after confirming: outcome checks are still asked while paused, and the
 * weeks walked through send nothing else.
 */
describe('outcome checks', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let coachKey: string;

  const sql = <T>(query: string, params: unknown[]) => rw.api.get(UnitOfWork).manager.query<T>(query, params);

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Outcome Clinic', 'coach@outcome.test'));
    coachKey = String(
      (await rw.request('POST', '/v1/api-keys', { apiKey, body: { role: 'coach' } })).body.key,
    );
    await rw.advanceClock(apiKey, '2027-01-04T09:00:00Z'); // Monday
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function enrolAndConfirm(email: string, timezone = 'UTC'): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email, timezone, reminder: { days: ['sun'], time: '08:00' } }),
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await rw.request('POST', rw.api.get(LinkService).url('confirm', id))).status).toBe(200);
    // Paused at once: the checks still come (that is part of what is tested), the reminders and
    // weekly summaries of the weeks walked through here do not.
    expect((await rw.request('POST', `/v1/enrollments/${id}/pause`, { apiKey })).status).toBe(200);
    return id;
  }

  const checkEmails = (email: string) => smtp.for(email, 'outcome_check');

  it('asks with the welcome outside quiet hours, reminds once after three days, then closes', async () => {
    await rw.advanceClock(apiKey, '2027-01-04T22:30:00Z'); // 22:30 in London (GMT): quiet hours
    const email = 'late.evening@example.com';
    const id = await enrolAndConfirm(email, 'Europe/London');
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    expect(checkEmails(email)).toHaveLength(0);

    await rw.advanceClock(apiKey, '2027-01-05T09:00:00Z');
    const [ask] = checkEmails(email);
    expect(ask!.date.toISOString()).toBe('2027-01-05T07:00:00.000Z');
    expect(ask!.header('x-retrowalk-message')).toBe('outcome_check');
    expect(ask!.subject).toBe('Before you start: how is your knee?');
    expect(ask!.text).toContain('You can answer until Monday 18 January');
    expect(ask!.header('list-unsubscribe')).toMatch(/\/p\/unsubscribe\//);
    const [asked] = await sql<{ asked_at: Date }[]>(
      `SELECT asked_at FROM outcome_checks WHERE enrollment_id = $1 AND timepoint = 'baseline'`,
      [id],
    );
    expect(asked!.asked_at.toISOString()).toBe('2027-01-05T07:00:00.000Z');

    // Opened 22:30 on Monday; three days on is Thursday 22:30, held to Friday 07:00.
    await rw.advanceClock(apiKey, '2027-01-20T09:00:00Z');
    expect(checkEmails(email).map((m) => [m.date.toISOString(), m.subject])).toEqual([
      ['2027-01-05T07:00:00.000Z', 'Before you start: how is your knee?'],
      ['2027-01-08T07:00:00.000Z', 'Reminder: two minutes on how your knee is before you start'],
    ]);
    const closed = await rw.request('GET', linkIn(ask!.text, 'outcome-baseline'));
    expect(closed.status).toBe(200);
    expect(closed.text).toContain('This check has closed');
    expect(closed.text).not.toContain('<form');
  });

  it('shows the questionnaire, keeps the first answer, and asks later about the same activities', async () => {
    const email = 'answers@example.com';
    const id = await enrolAndConfirm(email);
    await rw.advanceClock(apiKey, '2027-01-20T09:01:00Z');
    const url = linkIn(checkEmails(email)[0]!.text, 'outcome-baseline');
    const page = await rw.request('GET', url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('how much has your knee hurt over the last 7 days');
    expect(page.text.match(/name="pain"/g)).toHaveLength(11);
    expect(page.text).toContain('name="activity0"');
    expect(page.text).not.toContain('name="globalChange"'); // not asked at the start
    expect(page.text).not.toMatch(/<script|onclick=|onsubmit=/i);

    const form = (fields: Record<string, string>) => ({
      rawBody: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const incomplete = await rw.request('POST', url, form({ activity0: 'Climbing stairs', score0: '3' }));
    expect(incomplete.text).toContain('Almost there');
    expect(incomplete.text).toContain('how much your knee has hurt');
    // A NUL is nothing a person types: the body is refused before the form is read (400).
    const bad = await rw.request('POST', url, form({ pain: '5', activity0: 'Stairs\u0000', score0: '3' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('We could not read that');
    const untouched = await sql<{ answered_at: Date | null }[]>(
      `SELECT answered_at FROM outcome_checks WHERE enrollment_id = $1 AND timepoint = 'baseline'`,
      [id],
    );
    expect(untouched[0]!.answered_at).toBeNull();

    const answered = await rw.request(
      'POST',
      url,
      form({
        pain: '6',
        activity0: '  Climbing   stairs ',
        score0: '3',
        activity1: 'Kneeling',
        score1: '2',
        activity2: '',
      }),
    );
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Thank you: that is your starting point');
    const again = await rw.request('POST', url, form({ pain: '1', activity0: 'Other', score0: '9' }));
    expect(again.text).toContain('You have already answered this check');
    expect(again.text).toContain('We keep your first answers, from Wednesday 20 January');

    // Answered within the first week: it counts as the baseline, and the reminder is cancelled.
    await rw.advanceClock(apiKey, '2027-01-25T09:00:00Z');
    expect(checkEmails(email)).toHaveLength(1);
    const outcomes = await rw.request<{ activities: string[]; checks: Record<string, unknown>[] }>(
      'GET',
      `/v1/enrollments/${id}/outcomes`,
      { apiKey: coachKey },
    );
    expect(outcomes.status).toBe(200);
    expect(outcomes.body.activities).toEqual(['Climbing stairs', 'Kneeling']);
    expect(outcomes.body.checks[0]).toMatchObject({
      timepoint: 'baseline',
      label: 'Start',
      state: 'answered',
      countsAsBaseline: true,
      pain: 6,
      activityScores: [3, 2],
      psfsMean: 2.5,
    });
    expect(outcomes.body.checks[1]).toMatchObject({ label: 'Week 6', state: 'not_open_yet', pain: null });

    // Six weeks after confirming (Wed 20 Jan 09:00), the end-of-dose check asks about them by name.
    await rw.advanceClock(apiKey, '2027-03-03T09:30:00Z');
    const weekSix = checkEmails(email).find((m) => m.subject === 'Week 6: how is your knee now?');
    expect(weekSix?.date.toISOString()).toBe('2027-03-03T09:00:00.000Z');
    const later = await rw.request('GET', linkIn(weekSix!.text, 'outcome-dose-end'));
    expect(later.text).toContain('Climbing stairs');
    expect(later.text).toContain('Kneeling');
    expect(later.text).not.toContain('name="activity0"');
    expect(later.text.match(/name="globalChange"/g)).toHaveLength(7);
    const worse = await rw.request(
      'POST',
      linkIn(weekSix!.text, 'outcome-dose-end'),
      form({ pain: '8', score0: '2', score1: '2', globalChange: 'much_worse' }),
    );
    expect(worse.text).toContain(
      'Your average knee pain: 6 out of 10 when you started, 8 now. That is 2 points higher.',
    );
    expect(worse.text).toContain('Please have your knee checked by a GP or physiotherapist.');
    expect(worse.text).not.toMatch(/well done/i);

    // Where the coach's outcome_worse attention item will open: the answer's own audit entry.
    const timeline = await rw.request<{
      items: { type: string; source?: string; action?: string; rules?: { rule: string }[] }[];
    }>('GET', `/v1/enrollments/${id}/timeline`, { apiKey: coachKey });
    const flagged = timeline.body.items.filter((e) => e.type === 'decision' && e.source === 'outcome_check');
    expect(flagged).toEqual([
      expect.objectContaining({
        action: 'outcome_worse',
        rules: [
          expect.objectContaining({ rule: 'outcome.pain_7_plus' }),
          expect.objectContaining({ rule: 'outcome.much_worse' }),
        ],
      }),
    ]);
    const view = await rw.request<OutcomeChecksView>('GET', `/v1/enrollments/${id}/outcomes`, {
      apiKey: coachKey,
    });
    expect(view.body.checks[1]).toMatchObject({
      state: 'answered',
      pain: 8,
      painChange: 2,
      painResponder: false,
      psfsChange: -0.5,
      functionResponder: false,
      globalChangeLabel: 'Much worse',
    });
    // The coach's participant page drops the view straight into the fragment.
    const fragment = renderOutcomeChecksFragment(view.body);
    expect(fragment).toContain('<th scope="row">Climbing stairs (0-10)</th><td>3</td><td>2</td><td>–</td>');
    expect(fragment).toContain('<li>Week 6: Average knee pain over the last 7 days was 8 out of 10.</li>');
  });

  it('validates the organisation setting, and applies new weeks to people who confirm after', async () => {
    const settings = await rw.request('GET', '/v1/organization', { apiKey: coachKey });
    expect(settings.body.outcomeChecks).toEqual({ enabled: true, weeks: [6, 12] });
    for (const [body, field] of [
      [{ outcomeChecks: { weeks: [6, 6] } }, 'outcomeChecks.weeks'],
      [{ outcomeChecks: { weeks: [1, 12] } }, 'outcomeChecks.weeks'],
      [{ outcomeChecks: { weeks: [6, 60] } }, 'outcomeChecks.weeks'],
      [{ outcomeChecks: { weeks: [6] } }, 'outcomeChecks.weeks'],
      [{ outcomeChecks: { weeks: ['6', 12] } }, 'outcomeChecks.weeks'],
      [{ outcomeChecks: { enabled: 'yes' } }, 'outcomeChecks.enabled'],
      [{ outcomeChecks: { often: true } }, 'outcomeChecks.often'],
    ] as const) {
      const res = await rw.request<{ error: { details: { field: string }[] } }>('PATCH', '/v1/organization', {
        apiKey,
        body,
      });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.details.map((d) => d.field)).toContain(field);
    }
    expect(
      (
        await rw.request('PATCH', '/v1/organization', {
          apiKey: coachKey,
          body: { outcomeChecks: { enabled: false } },
        })
      ).status,
    ).toBe(403);

    const before = await enrolAndConfirm('before.change@example.com');
    const changed = await rw.request('PATCH', '/v1/organization', {
      apiKey,
      body: { outcomeChecks: { weeks: [4, 8] } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.outcomeChecks).toEqual({ enabled: true, weeks: [4, 8] });
    const after = await enrolAndConfirm('after.change@example.com');
    const weeks = async (id: string) =>
      (
        await sql<{ week: number }[]>(
          `SELECT week FROM outcome_checks WHERE enrollment_id = $1 ORDER BY week`,
          [id],
        )
      ).map((r) => r.week);
    expect(await weeks(before)).toEqual([0, 6, 12]);
    expect(await weeks(after)).toEqual([0, 4, 8]);
  });

  it('stops asking when the organisation switches the checks off, or the person unsubscribes', async () => {
    const keeper = await enrolAndConfirm('switched.off@example.com');
    const leaver = await enrolAndConfirm('leaver@example.com');
    await rw.advanceClock(apiKey, '2027-03-03T09:40:00Z');
    expect(checkEmails('switched.off@example.com')).toHaveLength(1);
    const baselineLink = linkIn(checkEmails('switched.off@example.com')[0]!.text, 'outcome-baseline');
    const unsubscribed = await rw.request(
      'POST',
      linkIn(checkEmails('leaver@example.com')[0]!.text, 'unsubscribe'),
    );
    expect(unsubscribed.status).toBe(200);

    const off = await rw.request('PATCH', '/v1/organization', {
      apiKey,
      body: { outcomeChecks: { enabled: false } },
    });
    expect(off.status).toBe(200);
    const pending = (id: string) =>
      sql<{ dedupe_key: string; status: string; finished_reason: string }[]>(
        `SELECT dedupe_key, status, finished_reason FROM messages WHERE enrollment_id = $1 AND kind = 'outcome_check'
         AND status <> 'sent' ORDER BY dedupe_key`,
        [id],
      );
    expect((await pending(keeper)).map((m) => [m.status, m.finished_reason])).toEqual(
      Array(5).fill(['cancelled', 'outcome_checks_off']),
    );
    expect(
      (await pending(leaver)).every((m) => m.status === 'cancelled' && m.finished_reason === 'unsubscribed'),
    ).toBe(true);
    // A link already sent no longer opens the form.
    expect((await rw.request('GET', baselineLink)).text).toContain('There is nothing to answer here');
    const later = await enrolAndConfirm('after.off@example.com');
    expect(await sql(`SELECT 1 FROM outcome_checks WHERE enrollment_id = $1`, [later])).toEqual([]);
    // Past both later checks (weeks 4 and 8 for people who confirmed after the change).
    await rw.advanceClock(apiKey, '2027-05-03T09:00:00Z');
    expect(checkEmails('switched.off@example.com')).toHaveLength(1);
    expect(checkEmails('leaver@example.com')).toHaveLength(1);
    expect(checkEmails('after.off@example.com')).toHaveLength(0);
  });

  it('asks someone who must be cleared first only once a professional has cleared them', async () => {
    const email = 'cleared.first@example.com';
    const on = { outcomeChecks: { enabled: true, weeks: [6, 12] } };
    expect((await rw.request('PATCH', '/v1/organization', { apiKey, body: on })).status).toBe(200);
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({
        email,
        timezone: 'UTC',
        reminder: { days: ['sun'], time: '08:00' },
        screening: { ...NOTHING_TO_REPORT, recentKneeSurgery: true },
      }),
    });
    const id = String(created.body.id);
    // Confirmed from the email, as a person would: following the link before the worker has sent it
    // would make whether the confirm email goes at all a race.
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    expect((await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'))).status).toBe(
      200,
    );
    const now = Date.parse(String((await rw.request('GET', '/v1/test-clock', { apiKey })).body.now));
    await rw.advanceClock(apiKey, new Date(now + 3 * 86_400_000));
    // The welcome explains why; nothing else comes while they wait.
    expect(smtp.for(email).map((m) => m.kind)).toEqual(['confirm', 'welcome']);
    expect(await sql(`SELECT 1 FROM outcome_checks WHERE enrollment_id = $1`, [id])).toEqual([]);

    const cleared = await rw.request('POST', `/v1/enrollments/${id}/clearance`, { apiKey: coachKey });
    expect(cleared.status).toBe(201);
    const clearedAt = now + 3 * 86_400_000;
    await rw.advanceClock(apiKey, new Date(clearedAt + 5 * 60_000));
    expect(checkEmails(email).map((m) => m.subject)).toEqual(['Before you start: how is your knee?']);
    const opens = await sql<{ timepoint: string; opens_at: Date }[]>(
      `SELECT timepoint, opens_at FROM outcome_checks WHERE enrollment_id = $1 ORDER BY week`,
      [id],
    );
    // The programme starts at clearance: the checks count from then.
    expect(opens.map((o) => [o.timepoint, o.opens_at.getTime() - clearedAt])).toEqual([
      ['baseline', 0],
      ['dose_end', 6 * 7 * 86_400_000],
      ['follow_up', 12 * 7 * 86_400_000],
    ]);
  });
});
