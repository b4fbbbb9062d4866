import { escapeHtml } from './escape';
import { renderWeeklySummaryEmail, type WeeklySummaryEmailModel } from './weekly-summary-email';

const model: WeeklySummaryEmailModel = {
  firstName: '<script>x()</script> & Fa',
  organizationName: 'Knees & <u>Co</u>',
  weekLabel: 'Week of 1 March',
  words: {
    subject: 'Your retro walking week: 2 walks, 3 planned',
    numbers: '2 walks, 3 planned, 24 minutes in all. Knee pain: lower than last week (good news).',
    howItWent: 'You are on Free-<standing> (Level 2). Every walk counts.',
    whatNext: null,
  },
  chartCid: 'weekly-chart.42@retrowalk',
  chartAlt: 'Minutes walked each day: Mon 10, Tue none, Wed 14 "steady" & <calm>',
  checkInUrl: 'https://app.example/p/check-in?token=a&x=1',
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
};

describe('renderWeeklySummaryEmail', () => {
  const email = renderWeeklySummaryEmail(model);

  it('uses the subject it is given', () => {
    expect(email.subject).toBe('Your retro walking week: 2 walks, 3 planned');
  });

  it('gives the week in numbers in both parts', () => {
    const summary = `Week of 1 March: ${model.words.numbers}`;
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
    const summaryAt = email.html.indexOf('2 walks, 3 planned, 24 minutes');
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
    const values = [model.firstName, model.organizationName, model.words.howItWent, model.chartAlt];
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

  it('after a bad week, says what happens next in a box of its own, and in the preheader', () => {
    const whatNext = 'You restart gently, on Supported start (Level 1).';
    const bad = renderWeeklySummaryEmail({ ...model, words: { ...model.words, whatNext } });
    expect(bad.text).toContain(`** What happens next **\n${whatNext}`);
    expect(bad.html).toMatch(/class="rw-callout-info"[^>]*>.*What happens next.*You restart gently/s);
    // Once as the preheader (the inbox preview line), once in the box.
    expect(bad.html.split(escapeHtml(whatNext)).length - 1).toBe(2);
    expect(email.text).not.toContain('What happens next');
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
