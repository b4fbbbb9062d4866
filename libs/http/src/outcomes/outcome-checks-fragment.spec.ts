import { type OutcomeCheckColumnView, renderOutcomeChecksFragment } from './outcome-checks-fragment';

const column = (over: Partial<OutcomeCheckColumnView>): OutcomeCheckColumnView => ({
  label: 'Start',
  state: 'answered',
  opensAt: '2027-01-04T10:00:00.000Z',
  closesAt: '2027-01-18T10:00:00.000Z',
  answeredAt: '2027-01-05T12:00:00.000Z',
  countsAsBaseline: true,
  pain: 6,
  activityScores: [3],
  psfsMean: 3,
  globalChangeLabel: null,
  painChange: null,
  psfsChange: null,
  painResponder: null,
  functionResponder: null,
  attention: [],
  ...over,
});

describe('outcome checks fragment', () => {
  it('puts the three checks side by side, a row per answer, escaped', () => {
    const html = renderOutcomeChecksFragment({
      activities: ['Climbing <stairs>'],
      checks: [
        column({}),
        column({
          label: 'Week 6',
          pain: 8,
          activityScores: [2],
          psfsMean: 2,
          globalChangeLabel: 'Much worse',
          painChange: 2,
          psfsChange: -1,
          painResponder: false,
          functionResponder: false,
          attention: [{ reason: 'Average knee pain over the last 7 days was 8 out of 10.' }],
        }),
        column({
          label: 'Week 12',
          state: 'not_open_yet',
          opensAt: '2027-03-29T10:00:00.000Z',
          pain: null,
          activityScores: [null],
          psfsMean: null,
        }),
      ],
    });
    expect(html).toContain(
      '<th scope="col">Start</th><th scope="col">Week 6</th><th scope="col">Week 12</th>',
    );
    expect(html).toContain(
      '<th scope="row">Climbing &lt;stairs&gt; (0-10)</th><td>3</td><td>2</td><td>–</td>',
    );
    expect(html).toContain('<th scope="row">Pain since the start</th><td>–</td><td>+2</td><td>–</td>');
    expect(html).toContain('<td>Answered 5 Jan 2027</td>');
    expect(html).toContain('<td>Opens 29 Mar 2027</td>');
    expect(html).toContain('<li>Week 6: Average knee pain over the last 7 days was 8 out of 10.</li>');
    expect(html).not.toMatch(/<script|style="|\son\w+=/);
  });
});
