import { escapeHtml } from './escape';
import { renderReminderEmail, type ReminderEmailModel } from './reminder-email';

const model: ReminderEmailModel = {
  firstName: '<script>x()</script> & Bo',
  organizationName: 'Knees & <i>Co</i>',
  dayLabel: 'Wednesday <10> March',
  level: {
    number: 1,
    name: 'Supported <start>',
    instructions: ['Hold the rail & step back', 'Walk 5 to 10 m, then rest'],
  },
  safetyPoint: 'Look over your shoulder & keep upright',
  checkInUrl: 'https://app.example/p/check-in?token=a&d=2025-03-10',
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
};

describe('renderReminderEmail', () => {
  const email = renderReminderEmail(model);

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [
      model.firstName,
      model.organizationName,
      model.dayLabel,
      model.level.name,
      model.safetyPoint,
      ...model.level.instructions,
    ];
    expect(email.html).not.toMatch(/<(script|i|10)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
    expect(email.html).toContain('Level 1');
  });

  it('has a big "Log today\'s walk" button and the pause and unsubscribe links in both parts', () => {
    expect(email.html).toMatch(
      new RegExp(
        `<a href="${escapeRegExp(escapeHtml(model.checkInUrl ?? ''))}"[^>]*>Log today&#39;s walk</a>`,
      ),
    );
    for (const url of [model.checkInUrl ?? '', model.pauseUrl, model.unsubscribeUrl]) {
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      expect(email.text).toContain(url);
    }
    expect(email.text).toContain("Log today's walk:");
  });

  it('always names the signs that mean stop', () => {
    expect(email.text).toMatch(/Stop at once if you fall, feel sharp pain or dizziness/);
  });

  it('leaves the check-in button out when there is no check-in link', () => {
    const withoutCheckIn = renderReminderEmail({ ...model, checkInUrl: undefined });
    expect(withoutCheckIn.html).not.toContain('Log today');
    expect(withoutCheckIn.text).not.toContain('Log today');
    expect(withoutCheckIn.text).toContain(model.pauseUrl);
  });

  it('keeps the subject under 70 characters even with a long level name', () => {
    expect(email.subject.length).toBeLessThan(70);
    const long = renderReminderEmail({
      ...model,
      level: { ...model.level, name: 'A very long level name that goes on and on and on for a while' },
    });
    expect(long.subject.length).toBeLessThan(70);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
