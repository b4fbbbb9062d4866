import { LinkService } from '@retrowalk/application';
import { CLEAN_WALK, enrollmentBody, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

type Cell = { value: number | null; suppressed: boolean };
interface Row {
  key: string;
  metrics: Record<string, Cell>;
  levels: Cell[];
  retention: Cell[];
  outcomes: Record<string, Record<string, Cell>>;
}
interface Report {
  from: string;
  to: string;
  activityUntil: string;
  groups: Row[];
  total: Row;
  recentEnrolmentsHeldBack: boolean;
}

const shown = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = { value: null, suppressed: true };
const noData: Cell = { value: null, suppressed: false };

/**
 * A known data set, driven through the API and the test clock, and its report computed by hand.
 *
 * Acme enrols 6 "knee pain" and 2 "athlete" participants on Monday 1 March 2027 (reminders Mon, Wed,
 * Fri), all confirm that day. On Monday 8 March each knee-pain participant walks once (one with pain
 * 5), and one athlete falls: a safety stop. Two more people enrol on 15 March: too few for a block,
 * so they are held back. The report is read on Monday 22 March, for 1-21 March.
 */
describe('cohort reports', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let adminKey: string;
  let managerKey: string;
  let coachKey: string;
  let otherKey: string;
  const REPORT = '/v1/reports/cohort?from=2027-03-01&to=2027-03-21';

  async function enrolConfirmed(apiKey: string, audience: string): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ audience, timezone: 'Europe/London' }),
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const confirmed = await rw.request('POST', rw.api.get(LinkService).url('confirm', id));
    expect(confirmed.status).toBe(200);
    return id;
  }

  async function walk(apiKey: string, id: string, report: Record<string, unknown>) {
    const res = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey,
      body: { performedAt: '2027-03-08T12:00:00Z', ...report },
    });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    // The worker and an SMTP sink: moving the test clock waits until everything due was sent.
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey: adminKey } = await rw.createOrganization('Acme Corp'));
    ({ apiKey: otherKey } = await rw.createOrganization('Other Corp'));
    const key = async (role: string) =>
      String((await rw.request('POST', '/v1/api-keys', { apiKey: adminKey, body: { role } })).body.key);
    managerKey = await key('wellness_manager');
    coachKey = await key('coach');

    await rw.advanceClock(adminKey, '2027-03-01T10:00:00Z');
    const knee = [];
    for (let i = 0; i < 6; i++) knee.push(await enrolConfirmed(adminKey, 'knee_pain'));
    const athletes = [await enrolConfirmed(adminKey, 'athlete'), await enrolConfirmed(adminKey, 'athlete')];
    // The other organisation: five people, all walking with pain, never in Acme's report.
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await enrolConfirmed(otherKey, 'athlete'));

    await rw.advanceClock(adminKey, '2027-03-08T12:00:00Z');
    for (const [i, id] of knee.entries()) {
      await walk(adminKey, id, i === 0 ? { ...CLEAN_WALK, painDuring: 5, painType: 'aching' } : CLEAN_WALK);
    }
    await walk(adminKey, athletes[0]!, { ...CLEAN_WALK, fall: true });
    for (const id of others) await walk(otherKey, id, { ...CLEAN_WALK, painDuring: 5, painType: 'aching' });

    await rw.advanceClock(adminKey, '2027-03-15T10:00:00Z');
    await enrolConfirmed(adminKey, 'general');
    await enrolConfirmed(adminKey, 'general');
    await rw.advanceClock(adminKey, '2027-03-22T09:00:00Z');
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  it('gives a wellness manager the numbers computed by hand, with small cells suppressed', async () => {
    const res = await rw.request<Report>('GET', REPORT, { apiKey: managerKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2027-03-01',
      to: '2027-03-21',
      activityUntil: '2027-03-22',
      recentEnrolmentsHeldBack: true,
      currentWeekLeftOut: false,
    });
    expect(res.body.groups.map((g) => g.key)).toEqual(['2027-03-01']);
    // Planned: 7 people x 8 reminder days (3 Mar - 19 Mar) + the stopped athlete's 2 (3 and 5 Mar).
    // Adherence 7 / 58 = 12.1 %. One person had pain 4+ and one had a stop: both hidden. So is
    // "7 walked": beside the 8 enrolled it says one person did not.
    expect(res.body.total.metrics).toEqual({
      enrolled: shown(8),
      confirmed: shown(8),
      active: hidden,
      sessionsDone: shown(7),
      sessionsPlanned: shown(58),
      adherencePercent: shown(12.1),
      painSessionsPercent: hidden,
      safetyStops: hidden,
    });
    expect(res.body.groups[0]!.metrics).toEqual(res.body.total.metrics);
    expect(res.body.total.levels).toEqual([shown(8), shown(0), shown(0), shown(0), shown(0), shown(0)]);
    // The first outcome check went to all 8 with their welcome; nobody answered. It is reported for
    // the block two weeks after the block's week ended (22 March); weeks 6 and 12 are still to come.
    expect(res.body.total.outcomes.baseline).toMatchObject({
      asked: shown(8),
      answered: shown(0),
      responseRatePercent: shown(0),
      painMean: noData,
    });
    expect(res.body.total.outcomes.dose_end!.asked).toEqual(shown(0));
    // Enrolled Monday 10:00, walked the next Monday 12:00 (week 2); observed two whole weeks.
    // Week 2 would read 87.5 %, 7 of 8: it would tell about the one who did not walk.
    expect(res.body.total.retention.slice(0, 3)).toEqual([shown(0), hidden, noData]);
  });

  it('hides a group of fewer than 5, and the group that would give it away by subtraction', async () => {
    const res = await rw.request<Report>('GET', `${REPORT}&groupBy=audience`, { apiKey: coachKey });
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g) => g.key)).toEqual(['athlete', 'knee_pain']);
    for (const group of res.body.groups) {
      expect(Object.values(group.metrics)).toEqual(Array(8).fill(hidden));
      expect(group.levels).toEqual(Array(6).fill(hidden));
    }
    expect(res.body.total.metrics.enrolled).toEqual(shown(8));
  });

  it("never shows another organisation's people", async () => {
    const res = await rw.request<Report>('GET', REPORT, { apiKey: otherKey });
    expect(res.body.total.metrics).toMatchObject({
      enrolled: shown(5),
      active: shown(5),
      painSessionsPercent: shown(100),
    });
    expect(res.body.total.metrics.enrolled).not.toEqual(shown(13));
  });

  it('says so when the period reaches into the week in progress, which is left out until it is over', async () => {
    // The clock is Monday 22 March: that week has not ended.
    const res = await rw.request<Report>('GET', '/v1/reports/cohort?from=2027-03-01&to=2027-03-24', {
      apiKey: managerKey,
    });
    expect(res.body).toMatchObject({ to: '2027-03-28', currentWeekLeftOut: true });
    const link = await rw.request<{ url: string }>(
      'POST',
      '/v1/reports/cohort/link?from=2027-03-01&to=2027-03-24',
      { apiKey: managerKey },
    );
    const page = await rw.request('GET', link.body.url);
    expect(page.text).toContain('This week is not in the figures yet');
  });

  it('returns CSV, one row per group and metric, with a suppressed marker', async () => {
    const res = await rw.request('GET', REPORT, { apiKey: managerKey, headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="cohort-report_2027-03-01_2027-03-21_by-week.csv"',
    );
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('"group","metric","value","suppressed"');
    expect(lines).toContain('"Everyone","Enrolled","8",""');
    expect(lines).toContain('"Everyone","Safety stops","","suppressed"');
  });

  it('names the field of a bad query', async () => {
    const cases: [string, string][] = [
      ['/v1/reports/cohort?to=2027-03-21', 'from'],
      ['/v1/reports/cohort?from=2027-02-30&to=2027-03-21', 'from'],
      ['/v1/reports/cohort?from=2027-03-21&to=2027-03-01', 'to'],
      ['/v1/reports/cohort?from=2026-01-01&to=2027-03-01', 'to'],
      [`${REPORT}&groupBy=month`, 'groupBy'],
    ];
    for (const [path, field] of cases) {
      const res = await rw.request<{ error: { details: { field: string }[] } }>('GET', path, {
        apiKey: managerKey,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d) => d.field)).toContain(field);
    }
  });

  it('hands out a signed page link that renders charts, and refuses a tampered or expired one', async () => {
    const link = await rw.request<{ url: string; expiresAt: string }>(
      'POST',
      '/v1/reports/cohort/link?from=2027-03-01&to=2027-03-21',
      { apiKey: managerKey },
    );
    expect(link.status).toBe(201);
    expect(link.body.expiresAt).toBe('2027-03-22T10:00:00.000Z');
    const page = await rw.request('GET', link.body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Cohort report');
    expect(page.text).toContain('Acme Corp');
    // Walking: adherence, retention and levels; outcomes: responders (none yet) and answers.
    expect(page.text.match(/<div class="chart">/g)?.length).toBe(5);
    expect(page.text).toContain('Week 6 and Week 12: too soon');
    expect(page.text).toContain('fewer than 5');
    expect(page.text).not.toContain('Other Corp');

    const tampered = await rw.request('GET', link.body.url.replace('.week.', '.level.'));
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('This link doesn&#39;t work');
    const otherOrg = (await rw.request<{ id: string }>('GET', '/v1/organization', { apiKey: otherKey })).body
      .id;
    const forged = link.body.url.replace(/\/r\/[0-9a-f-]{36}/, `/r/${otherOrg}`);
    expect((await rw.request('GET', forged)).status).toBe(400);

    await rw.advanceClock(adminKey, '2027-03-22T10:30:00Z');
    const expired = await rw.request('GET', link.body.url);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
  });
});
