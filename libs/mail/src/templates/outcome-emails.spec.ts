import { renderCompletionEmail } from './completion-email';
import { escapeHtml } from './escape';
import { renderOutcomeCheckEmail } from './outcome-check-email';
import { renderOutcomeResultsEmail } from './outcome-results-email';

const footer = {
  unsubscribeUrl: 'https://x.example/p/unsubscribe/t&1',
  dataUrl: 'https://x.example/p/data/t',
};
const check = {
  firstName: '<b>Bo</b>',
  organizationName: 'Knees & Co',
  checkUrl: 'https://x.example/p/outcome-baseline/tok&x=1',
  openUntil: 'Monday 18 January',
  ...footer,
};
const worse = {
  pain: 'Your average knee pain: 4 out of 10 when you started, 7 now. That is 3 points higher.',
  activitiesIntro: 'How well you can do the activities you named:',
  activities: ['Kneeling <in> the garden: 5 when you started, 3 now.'],
  activitiesSummary: 'On average that is 2 points lower.',
  closing:
    'Your knee is worse than when you started. Please have your knee checked by a GP or physiotherapist.',
  seeProfessional: true,
};

describe('outcome emails', () => {
  it('asks for a check with one button and its last day, escaping every value', () => {
    const email = renderOutcomeCheckEmail({ ...check, timepoint: 'baseline', week: 0, isReminder: false });
    expect(email.subject).toBe('Before you start: how is your knee?');
    expect(email.html).not.toContain('<b>Bo</b>');
    expect(email.html).toContain(escapeHtml('<b>Bo</b>'));
    expect(email.html).toContain('href="https://x.example/p/outcome-baseline/tok&amp;x=1"');
    expect(email.text).toContain('Answer the questions:\nhttps://x.example/p/outcome-baseline/tok&x=1');
    expect(email.text).toContain('You can answer until Monday 18 January.');
    const reminder = renderOutcomeCheckEmail({
      ...check,
      timepoint: 'follow_up',
      week: 12,
      isReminder: true,
    });
    expect(reminder.subject).toBe('Reminder: week 12, how is your knee now?');
    expect(reminder.text).toContain('how your knee is overall');
  });

  it('tells the person their own change, and to see a professional when it got worse', () => {
    const email = renderOutcomeResultsEmail({
      firstName: 'Jon',
      organizationName: 'Knees & Co',
      week: 12,
      change: worse,
      ...footer,
    });
    expect(email.subject).toBe('Your knee, 12 weeks on');
    for (const line of [worse.pain, ...worse.activities, worse.activitiesSummary, worse.closing]) {
      expect(email.text).toContain(line);
      expect(email.html).toContain(escapeHtml(line));
    }
    expect(email.text).toContain('** Please get your knee checked **');
    expect(email.text).not.toMatch(/well done|congratulations/i);
  });

  it('adds the change to the completion email, or else the open check, and says a last check is to come', () => {
    const base = {
      firstName: 'Mo',
      organizationName: 'Knees & Co',
      sessions: 18,
      levelTitle: 'Pace (Level 4)',
      ...footer,
    };
    const withChange = renderCompletionEmail({
      ...base,
      change: { ...worse, seeProfessional: false, closing: null },
      laterCheckWeek: 12,
    });
    expect(withChange.text).toContain('Your knee since you started');
    expect(withChange.text).toContain(worse.pain);
    expect(withChange.text).toContain('apart from one short check on your knee in week 12');
    const withLink = renderCompletionEmail({
      ...base,
      outcomeCheckUrl: 'https://x.example/p/outcome-dose-end/t',
    });
    expect(withLink.text).toContain('How is my knee now?:\nhttps://x.example/p/outcome-dose-end/t');
    expect(withLink.text).toContain('This is the last programme email. Thank you');
    const plain = renderCompletionEmail(base);
    expect(plain.text).not.toContain('Your knee since you started');
    expect(plain.text).not.toContain('/p/outcome');
  });
});
