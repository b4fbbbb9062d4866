import { buildCohortReport, type CohortGroupFacts, type OutcomeTimepointFacts } from '@retrowalk/domain';
import { cohortReportCsv } from './cohort-report-csv';
import { groupFacts } from '../../../domain/src/reports/cohort-report.fixtures';
import { renderCohortReportPage } from './cohort-report-page';

const doseEnd: OutcomeTimepointFacts = {
  timepoint: 'dose_end',
  observed: 20,
  asked: 20,
  answered: 10,
  pain: [{ value: 3, people: 10 }],
  psfs: [{ value: 36, people: 10 }],
  painPairs: [
    { before: 6, after: 3, people: 5 },
    { before: 4, after: 4, people: 5 },
  ],
  psfsChanges: [{ value: 18, people: 10 }],
};

/** The shared fixture, in this file's one week: everyone on Mondays, confirmed the day before. */
const group = (key: string, people: number, outcomes: OutcomeTimepointFacts[] = []): CohortGroupFacts =>
  groupFacts(key, people, {
    plans: [{ reminderDays: ['mon'], confirmedOn: '2027-01-03', stoppedOn: null, people }],
    observed: [{ weeks: 1, people }],
    outcomes,
  });

const report = (groups: CohortGroupFacts[], groupBy: 'audience' | 'level' = 'audience') =>
  buildCohortReport({
    from: '2027-01-04',
    to: '2027-01-10',
    activityUntil: '2027-01-11',
    groupBy,
    groups,
    recentEnrolmentsHeldBack: false,
    currentWeekLeftOut: false,
    outcomeWeeks: { baseline: 0, dose_end: 6, follow_up: 12 },
    outcomesUntil: '2027-05-03',
  });

const page = (r: ReturnType<typeof report>) =>
  renderCohortReportPage({
    organizationName: 'Acme',
    report: r,
    expiresAt: new Date('2027-05-03T10:00:00Z'),
  });

describe('cohort report page', () => {
  it('opens with four headline tiles and has no script, event handler or style attribute', () => {
    const html = page(report([group('general', 20, [doseEnd]), group('knee_pain', 30)]));
    expect(html.match(/<ul class="tiles">(.*?)<\/ul>/)?.[1]?.match(/<li>/g)).toHaveLength(4);
    expect(html).toContain('<span class="n">50</span><span class="what">Enrolled</span>');
    // Pain responders by week 6: 5 of the 10 compared.
    expect(html).toContain('<span class="n">50 %</span><span class="what">Pain responders, week 6</span>');
    expect(html).not.toMatch(/<script|\son[a-z]+=|style="/i);
    expect(html).toContain('@page { size: A4;');
  });

  it('collapses figures that have no data yet into one line', () => {
    const html = page(report([group('general', 20, [doseEnd]), group('knee_pain', 30)]));
    // Retention: only week 1 observed; weeks 2 to 8 say so once, not seven empty bars.
    expect(html).toContain('Week 2 to Week 8: too soon to tell.');
    expect(html.match(/too soon to tell/g)).toHaveLength(1);
    // The start and week 12 were never asked: named in a line, no rows of dashes.
    expect(html).toContain('Start and Week 12: too soon');
    const none = page(report([group('general', 20)]));
    expect(none).toContain('No outcome figures yet');
  });

  it('shows "hidden" where a figure is suppressed and explains why outcomes are not split by level', () => {
    const html = page(report([group('1', 20, [doseEnd]), group('2', 3)], 'level'));
    expect(html).toContain('<td class="hidden">hidden</td>');
    expect(html).toContain('Not split by current level');
  });

  it('puts every outcome figure in the CSV, a suppressed one without a value', () => {
    const csv = cohortReportCsv(report([group('general', 20, [doseEnd]), group('knee_pain', 30)]));
    const lines = csv.trim().split('\r\n');
    expect(lines).toContain('"Everyone","Outcomes, Week 6: Pain responders (%)","50",""');
    expect(lines).toContain('"Everyone","Outcomes, Week 6: Pain, mean change since the start","-1.5",""');
    expect(lines).toContain('"Everyone","Outcomes, Week 6: Response rate (%)","50",""');
    expect(lines.some((l) => l.startsWith('"Everyone","Outcomes, Start: Pain responders'))).toBe(false);
    const small = cohortReportCsv(report([group('general', 20, [{ ...doseEnd, answered: 17 }])]));
    expect(small).toContain('"Everyone","Outcomes, Week 6: Answered","","suppressed"');
  });
});
