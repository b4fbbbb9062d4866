import { escapeHtml } from './escape';
import { renderWeeklySummaryEmail, type WeeklySummaryEmailModel } from './weekly-summary-email';

const model: WeeklySummaryEmailModel = {
  firstName: '<script>x()</script> & Fa',
  organizationName: 'Knees & <u>Co</u>',
  weekLabel: 'Week of 1 March',
  sessionsDone: 2,
  sessionsPlanned: 3,
  minutes: 24,
  painTrend: 'lower',
  levelTitle: 'Free-<standing> (Level 2)',
  chartCid: 'weekly-chart.42@retrowalk',
  chartAlt: 'Minutes walked each day: Mon 10, Tue none, Wed 14 "steady" & <calm>',
  checkInUrl: 'https://app.example/p/check-in?token=a&x=1',
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
};

describe('renderWeeklySummaryEmail', () => {
  const email = renderWeeklySummaryEmail(model);

  it('has a short subject with the sessions done', () => {
    expect(email.subject).toBe('Your retro walking week: 2 of 3 sessions');
    expect(email.subject.length).toBeLessThan(70);
  });

  it('gives the week in numbers in both parts', () => {
    const summary =
      'Week of 1 March: 2 of 3 sessions, 24 minutes. Knee pain: lower than last week (good news).';
    expect(email.text).toContain(summary);
    expect(email.html).toContain(escapeHtml(summary));
  });

  it('shows the chart as an inline cid image with the chart in words as its alt text', () => {
    const img = email.html.match(/<img [^>]*>/g) ?? [];
    expect(img).toHaveLength(1);
    expect(img[0]).toContain('src="cid:weekly-chart.42@retrowalk"');
    expect(img[0]).toContain(`alt="${escapeHtml(model.chartAlt)}"`);
    expect(img[0]).toContain('width="300"');
    expect(img[0]).toMatch(/style="[^"]*display:block;[^"]*max-width:100%;[^"]*height:auto;[^"]*border:0;/);
  });

  it('places the chart right after the summary and carries it in words in the text part', () => {
    const summaryAt = email.html.indexOf('2 of 3 sessions, 24 minutes');
    const imgAt = email.html.indexOf('<img ');
    const levelAt = email.html.indexOf('You are on');
    expect(summaryAt).toBeGreaterThan(0);
    expect(imgAt).toBeGreaterThan(summaryAt);
    expect(levelAt).toBeGreaterThan(imgAt);
    expect(email.text).toContain(`(good news).\n\n${model.chartAlt}\n\nYou are on`);
    expect(email.text).not.toContain('rw-weekly-chart-slot');
    expect(email.html).not.toContain('rw-weekly-chart-slot');
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [model.firstName, model.organizationName, model.levelTitle, model.chartAlt];
    expect(email.html).not.toMatch(/<(script|u|standing|calm)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
  });

  it('puts the check-in, pause and unsubscribe links in both parts', () => {
    for (const url of [model.checkInUrl, model.pauseUrl, model.unsubscribeUrl]) {
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      expect(email.text).toContain(url);
    }
  });

  it.each([
    ['same', 'Knee pain: about the same as last week.'],
    ['higher', 'Knee pain: a bit higher than last week — go gently and tell us in your check-ins.'],
  ] as const)('words a %s pain trend plainly', (painTrend, words) => {
    const { text, html } = renderWeeklySummaryEmail({ ...model, painTrend });
    expect(text).toContain(words);
    expect(html).toContain(escapeHtml(words));
  });

  it('leaves pain out when the trend is unknown', () => {
    const { text } = renderWeeklySummaryEmail({ ...model, painTrend: 'unknown' });
    expect(text).toContain('Week of 1 March: 2 of 3 sessions, 24 minutes.\n');
    expect(text).not.toContain('Knee pain:');
  });

  it('uses the singular for one session and one minute, and is kind about a week without walks', () => {
    const one = renderWeeklySummaryEmail({ ...model, sessionsDone: 1, sessionsPlanned: 1, minutes: 1 });
    expect(one.subject).toBe('Your retro walking week: 1 of 1 session');
    expect(one.text).toContain('1 of 1 session, 1 minute.');
    expect(one.text).toContain('You did every session you planned');
    const none = renderWeeklySummaryEmail({ ...model, sessionsDone: 0, minutes: 0 });
    expect(none.text).toContain('0 of 3 sessions, 0 minutes.');
    expect(none.text).toContain('that is fine');
  });

  it('refuses a content id that could break out of the src attribute', () => {
    expect(() => renderWeeklySummaryEmail({ ...model, chartCid: 'x" onerror="y' })).toThrow(/content id/);
    expect(() => renderWeeklySummaryEmail({ ...model, chartCid: '' })).toThrow(/content id/);
  });

  it('keeps working when a model value looks like the chart placeholder', () => {
    const tricky = renderWeeklySummaryEmail({
      ...model,
      firstName: 'rw-weekly-chart-slot',
      chartAlt: 'rw-weekly-chart-slot',
    });
    expect(tricky.html.match(/<img /g)).toHaveLength(1);
  });
});
