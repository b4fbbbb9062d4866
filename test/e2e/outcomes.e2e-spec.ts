import { type LinkPurpose } from '@retrowalk/application';
import {
  CLEAN_WALK,
  enrollmentBody,
  linkIn,
  RetrowalkHarness,
  SmtpSink,
  WorkspaceBrowser,
} from '@retrowalk/testing';

type Cell = { value: number | null; suppressed: boolean };
type Outcomes = Record<'baseline' | 'dose_end' | 'follow_up', Record<string, Cell>>;
interface Report {
  groups: { key: string; metrics: Record<string, Cell>; outcomes: Outcomes }[];
  total: { metrics: Record<string, Cell>; outcomes: Outcomes };
  outcomeChecks: { weeks: Record<string, number>; until: string };
}

const shown = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = { value: null, suppressed: true };

/**
 * Twelve participants through the three outcome checks on the test clock, with the worker and a
 * real SMTP listener. Each answers (or not) as the table says: pain 0-10 and one activity
 * ("Climbing stairs", PSFS 0-10) at the start, week 6 and week 12. P12 never answers; P8-P11 skip
 * week 12; P10 is worse at week 6 and P7 at week 12 (pain 7). Everyone but the three who complete
 * the programme (P1, P5, P10) pauses after the start: the checks still come, the reminders do not.
 *
 *        start   week 6  week 12   audience
 *   P1   6 / 3   3 / 6   2 / 8     knee_pain     pain / stairs
 *   P2   5 / 4   3 / 6   3 / 6     knee_pain
 *   P3   6 / 2   4 / 5   3 / 6     knee_pain
 *   P4   4 / 5   3 / 5   3 / 6     knee_pain
 *   P5   5 / 5   5 / 5   4 / 5     knee_pain
 *   P6   3 / 6   2 / 7   2 / 7     knee_pain
 *   P7   4 / 5   4 / 5   7 / 3     general
 *   P8   5 / 4   6 / 3   -         general
 *   P9   6 / 3   4 / 5   -         general
 *   P10  4 / 5   6 / 3   -         general
 *   P11  5 / 5   5 / 7   -         general
 *   P12  -       -       -         athlete
 */
const PEOPLE = [
  {
    audience: 'knee_pain',
    answers: [
      [6, 3],
      [3, 6, 'better'],
      [2, 8, 'much_better'],
    ],
  },
  {
    audience: 'knee_pain',
    answers: [
      [5, 4],
      [3, 6, 'better'],
      [3, 6, 'better'],
    ],
  },
  {
    audience: 'knee_pain',
    answers: [
      [6, 2],
      [4, 5, 'a_little_better'],
      [3, 6, 'better'],
    ],
  },
  {
    audience: 'knee_pain',
    answers: [
      [4, 5],
      [3, 5, 'a_little_better'],
      [3, 6, 'a_little_better'],
    ],
  },
  {
    audience: 'knee_pain',
    answers: [
      [5, 5],
      [5, 5, 'same'],
      [4, 5, 'same'],
    ],
  },
  {
    audience: 'knee_pain',
    answers: [
      [3, 6],
      [2, 7, 'a_little_better'],
      [2, 7, 'same'],
    ],
  },
  {
    audience: 'general',
    answers: [
      [4, 5],
      [4, 5, 'same'],
      [7, 3, 'worse'],
    ],
  },
  {
    audience: 'general',
    answers: [
      [5, 4],
      [6, 3, 'a_little_worse'],
    ],
  },
  {
    audience: 'general',
    answers: [
      [6, 3],
      [4, 5, 'better'],
    ],
  },
  {
    audience: 'general',
    answers: [
      [4, 5],
      [6, 3, 'a_little_worse'],
    ],
  },
  {
    audience: 'general',
    answers: [
      [5, 5],
      [5, 7, 'a_little_better'],
    ],
  },
  { audience: 'athlete', answers: [] },
] as const;
const COMPLETERS = [0, 4, 9];

describe('outcomes: twelve participants, three checks, their emails and the cohort report', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  const ids: string[] = [];
  const emailOf = (i: number) => `p${i + 1}@outcomes.test`;

  async function answer(i: number, purpose: LinkPurpose, fields: Record<string, string>) {
    const mail = smtp.for(emailOf(i), 'outcome_check').find((m) => m.text.includes(`/p/${purpose}/`));
    const res = await rw.request('POST', linkIn(mail!.text, purpose), {
      rawBody: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.text).toContain('Thank you');
    return res.text;
  }

  const later = (i: number, step: 1 | 2) => {
    const [pain, stairs, globalChange] = PEOPLE[i]!.answers[step] as readonly [number, number, string];
    return { pain: String(pain), score0: String(stairs), globalChange };
  };

  async function complete(i: number) {
    // Eighteen clean walks over the last week: six weeks in, the programme is complete.
    for (let walk = 0; walk < 18; walk++) {
      const at = new Date(Date.parse('2027-02-09T08:00:00Z') + walk * 8 * 3_600_000).toISOString();
      const res = await rw.request('POST', `/v1/enrollments/${ids[i]}/check-ins`, {
        apiKey,
        body: { performedAt: at, ...CLEAN_WALK },
      });
      expect(res.status).toBe(201);
    }
    expect((await rw.request('GET', `/v1/enrollments/${ids[i]}`, { apiKey })).body.status).toBe('completed');
  }

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Outcome Corp', 'coach@outcomes.test'));
    await rw.advanceClock(apiKey, '2027-01-04T10:00:00Z'); // Monday
    for (const [i, person] of PEOPLE.entries()) {
      const created = await rw.request('POST', '/v1/enrollments', {
        apiKey,
        body: enrollmentBody({
          email: emailOf(i),
          firstName: `P${i + 1}`,
          timezone: 'UTC',
          audience: person.audience,
          reminder: { days: ['sun'], time: '08:00' },
        }),
      });
      ids.push(String(created.body.id));
      await smtp.waitFor(() => smtp.for(emailOf(i), 'confirm').length === 1);
      await rw.request('POST', linkIn(smtp.for(emailOf(i), 'confirm')[0]!.text, 'confirm'));
    }
    // The baselines go a minute after the welcomes; answered the next day, within the first week.
    await rw.advanceClock(apiKey, '2027-01-05T12:00:00Z');
    for (const [i, person] of PEOPLE.entries()) {
      const start = person.answers[0];
      if (start) {
        await answer(i, 'outcome-baseline', {
          pain: String(start[0]),
          activity0: 'Climbing stairs',
          score0: String(start[1]),
        });
      }
      if (!COMPLETERS.includes(i)) {
        expect((await rw.request('POST', `/v1/enrollments/${ids[i]}/pause`, { apiKey })).status).toBe(200);
      }
    }

    // Week 6 (the check goes at 10:00 on Monday 15 February). P1 and P10 answer, then complete;
    // P5 completes first and answers after.
    await rw.advanceClock(apiKey, '2027-02-15T12:00:00Z');
    for (const i of [0, 9]) {
      await answer(i, 'outcome-dose-end', later(i, 1));
      await complete(i);
    }
    await complete(4);
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 10]) await answer(i, 'outcome-dose-end', later(i, 1));

    // Week 12 (Monday 29 March): P1-P7 answer.
    await rw.advanceClock(apiKey, '2027-03-29T12:00:00Z');
    for (let i = 0; i < 7; i++) await answer(i, 'outcome-follow-up', later(i, 2));
    // Week 12 is reported for the whole enrolment block 15 weeks after its week ended (11 January).
    await rw.advanceClock(apiKey, '2027-04-26T09:00:00Z');
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  it('asks each check once and reminds once, three days on, whoever never answers', () => {
    const asked = smtp.for(emailOf(11), 'outcome_check').map((m) => [m.date.toISOString(), m.subject]);
    expect(asked).toEqual([
      ['2027-01-04T10:01:00.000Z', 'Before you start: how is your knee?'],
      ['2027-01-07T10:00:00.000Z', 'Reminder: two minutes on how your knee is before you start'],
      ['2027-02-15T10:00:00.000Z', 'Week 6: how is your knee now?'],
      ['2027-02-18T10:00:00.000Z', 'Reminder: week 6, how is your knee now?'],
      ['2027-03-29T10:00:00.000Z', 'Week 12: how is your knee now?'],
      ['2027-04-01T10:00:00.000Z', 'Reminder: week 12, how is your knee now?'],
    ]);
    // P1 answered all three: no reminder ever.
    expect(smtp.for(emailOf(0), 'outcome_check').map((m) => m.subject)).toEqual([
      'Before you start: how is your knee?',
      'Week 6: how is your knee now?',
      'Week 12: how is your knee now?',
    ]);
  });

  it('tells each person their own change in the completion and week-12 emails', () => {
    const completion = (i: number) => smtp.for(emailOf(i), 'completion')[0]!.text;
    expect(completion(0)).toContain(
      'Your average knee pain: 6 out of 10 when you started, 3 now. That is 3 points lower.',
    );
    expect(completion(0)).toContain('Climbing stairs: 3 when you started, 6 now.');
    expect(completion(0)).toContain('apart from one short check on your knee in week 12');
    expect(completion(9)).toContain(
      'Your average knee pain: 4 out of 10 when you started, 6 now. That is 2 points higher.',
    );
    expect(completion(9)).toContain('Please have your knee checked by a GP or physiotherapist.');
    expect(completion(9)).not.toMatch(/well done/i);
    // P5 completed before the week-6 answers: the email offers the check instead.
    expect(completion(4)).not.toContain('Your average knee pain');
    expect(linkIn(completion(4), 'outcome-dose-end')).toMatch(/\/p\/outcome-dose-end\//);

    const results = (i: number) => smtp.for(emailOf(i), 'outcome_results');
    expect(results(0).map((m) => m.subject)).toEqual(['Your knee, 12 weeks on']);
    expect(results(0)[0]!.text).toContain(
      'Your average knee pain: 6 out of 10 when you started, 2 now. That is 4 points lower.',
    );
    expect(results(0)[0]!.text).toContain('Climbing stairs: 3 when you started, 8 now.');
    expect(results(0)[0]!.text).toContain('On average that is 5 points better.');
    // P5: nothing much changed, and the email says just that.
    expect(results(4)[0]!.text).toContain('Your average knee pain: 5 out of 10 when you started, 4 now.');
    expect(results(4)[0]!.text).not.toMatch(/lower|higher|well done|checked by/i);
    expect(results(6)[0]!.text).toContain('4 out of 10 when you started, 7 now. That is 3 points higher.');
    expect(results(6)[0]!.text).toContain('Please have your knee checked by a GP or physiotherapist.');
    for (const i of [7, 8, 9, 10, 11]) expect(results(i)).toHaveLength(0);
  });

  it('opens an outcome_worse attention item for the 7+ answer, and records why in the decision trail', async () => {
    const items = await rw.request<{ data: { enrollmentId: string; kind: string }[] }>(
      'GET',
      '/v1/attention?kind=outcome_worse&status=open',
      { apiKey },
    );
    expect(items.status).toBe(200);
    expect(items.body.data.map((i) => i.enrollmentId)).toEqual([ids[6]]);
    const timeline = await rw.request<{
      items: { type: string; source?: string; action?: string; rules?: { rule: string }[] }[];
    }>('GET', `/v1/enrollments/${ids[6]}/timeline`, { apiKey });
    const flagged = timeline.body.items.filter((e) => e.type === 'decision' && e.source === 'outcome_check');
    expect(flagged.map((e) => [e.action, e.rules?.map((r) => r.rule)])).toEqual([
      ['outcome_worse', ['outcome.pain_7_plus']],
    ]);
    // Nobody else reached pain 7 or "much worse".
    for (const id of ids.filter((_, i) => i !== 6)) {
      const other = await rw.request<{ items: { source?: string }[] }>(
        'GET',
        `/v1/enrollments/${id}/timeline`,
        {
          apiKey,
        },
      );
      expect(other.body.items.filter((e) => e.source === 'outcome_check')).toEqual([]);
    }
  });

  it("shows a coach the three checks side by side on the participant's page", async () => {
    const member = await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'physio@outcomes.test', name: 'Pat Physio', role: 'coach' },
    });
    expect(member.status).toBe(201);
    const browser = new WorkspaceBrowser(rw);
    await browser.signIn('physio@outcomes.test');
    const page = await browser.get(`/coach/participants/${ids[6]}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('How the knee has changed');
    expect(page.text).toContain('Knee pain, last 7 days (0-10)');
    // The 7+ answer is named for the coach beside the table.
    expect(page.text).toMatch(/outcome-checks-attention/);
  });

  it('reports response rates, changes and responder shares as computed by hand', async () => {
    const res = await rw.request<Report>('GET', '/v1/reports/cohort?from=2027-01-04&to=2027-01-10', {
      apiKey,
    });
    expect(res.status).toBe(200);
    expect(res.body.outcomeChecks).toEqual({
      weeks: { baseline: 0, dose_end: 6, follow_up: 12 },
      splitByGroup: true,
      until: '2027-04-26',
    });
    const { baseline, dose_end: week6, follow_up: week12 } = res.body.total.outcomes;
    // Start: 11 of 12 answered. Shown, that would say one person did not: hidden with its rate.
    // Pain 6,5,6,4,5,3,4,5,6,4,5 (53 / 11 = 4.8, median 5); stairs 47 / 11 = 4.3, median 5.
    expect(baseline).toMatchObject({
      asked: shown(12),
      answered: hidden,
      responseRatePercent: hidden,
      painMean: shown(4.8),
      painMedian: shown(5),
      psfsMean: shown(4.3),
      psfsMedian: shown(5),
    });
    // Week 6: pain 45 / 11 = 4.1 (median 4), change -8 / 11 = -0.7; stairs 57 / 11 = 5.2 (median 5),
    // change +10 / 11 = 0.9. Pain responders P1, P2, P3, P6 (3 to 2 is 33 %), P9: 5 of 11, and
    // 6 who were not; function responders (stairs +2 or more) P1, P2, P3, P9, P11: 5 of 11.
    expect(week6).toEqual({
      asked: shown(12),
      answered: hidden,
      responseRatePercent: hidden,
      painMean: shown(4.1),
      painMedian: shown(4),
      painChange: shown(-0.7),
      psfsMean: shown(5.2),
      psfsMedian: shown(5),
      psfsChange: shown(0.9),
      painRespondersPercent: shown(45.5),
      functionRespondersPercent: shown(45.5),
    });
    // Week 12: P1-P7, 7 of 12 (58.3 %). Pain 24 / 7 = 3.4 (median 3), change (24 - 33) / 7 = -1.3;
    // stairs 41 / 7 = 5.9 (median 6), change +11 / 7 = 1.6. Pain responders 4 of 7 and function
    // responders 3 of 7: each would tell about 1-4 people, so both are hidden.
    expect(week12).toEqual({
      asked: shown(12),
      answered: shown(7),
      responseRatePercent: shown(58.3),
      painMean: shown(3.4),
      painMedian: shown(3),
      painChange: shown(-1.3),
      psfsMean: shown(5.9),
      psfsMedian: shown(6),
      psfsChange: shown(1.6),
      painRespondersPercent: hidden,
      functionRespondersPercent: hidden,
    });
  });

  it('hides groups under five, and the group that would give them away, outcomes included', async () => {
    const res = await rw.request<Report>(
      'GET',
      '/v1/reports/cohort?from=2027-01-04&to=2027-01-10&groupBy=audience',
      { apiKey },
    );
    const byKey = Object.fromEntries(res.body.groups.map((g) => [g.key, g]));
    // The one athlete is hidden; so are the five "general", or the total would give the athlete back.
    for (const key of ['athlete', 'general']) {
      expect(byKey[key]!.metrics.enrolled).toEqual(hidden);
      for (const cells of Object.values(byKey[key]!.outcomes)) {
        expect(Object.values(cells).every((c) => c.suppressed)).toBe(true);
      }
    }
    // Knee pain, P1-P6: week-6 pain 3,3,4,3,5,2 = 20 / 6 = 3.3; its responders, 4 of 6, hidden.
    const knee = byKey.knee_pain!;
    expect(knee.metrics.enrolled).toEqual(shown(6));
    expect(knee.outcomes.dose_end).toMatchObject({
      answered: shown(6),
      responseRatePercent: shown(100),
      painMean: shown(3.3),
      painRespondersPercent: hidden,
    });
    expect(res.body.total.outcomes.dose_end.painRespondersPercent).toEqual(shown(45.5));
  });
});
