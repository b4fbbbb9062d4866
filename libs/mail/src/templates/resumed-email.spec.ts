import { escapeHtml } from './escape';
import { renderResumedEmail, type ResumedEmailModel } from './resumed-email';

const model: ResumedEmailModel = {
  firstName: '<script>x()</script> & Hu',
  organizationName: 'Knees & <s>Co</s>',
  level: {
    number: 1,
    name: 'Supported <start>',
    instructions: ['Hold the rail & step back', 'Walk about 5 minutes <in all>'],
    safetyPoint: 'Keep a hand on your support & check behind you',
  },
  reminderSummary: 'Mondays & Fridays at 07:30, <Europe/Berlin> time',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
};

describe('renderResumedEmail', () => {
  const email = renderResumedEmail(model);

  it('welcomes them back with the restart level and reminder times in the first two lines', () => {
    const [heading, , , intro] = email.text.split('\n');
    expect(heading).toContain('Welcome back');
    expect(intro).toContain('A health professional has cleared you');
    expect(intro).toContain('Supported <start> (Level 1)');
    expect(intro).toContain(model.reminderSummary);
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [
      model.firstName,
      model.organizationName,
      model.level.name,
      model.level.safetyPoint,
      model.reminderSummary,
      ...model.level.instructions,
    ];
    expect(email.html).not.toMatch(/<(script|s|start|in all|Europe\/Berlin)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
  });

  it('asks them to restart gently and names the signs that mean stop', () => {
    expect(email.text).toContain('Go gently');
    expect(email.text).toMatch(/Take your first sessions back slowly/);
    expect(email.text).toMatch(/Stop at once if you fall, feel sharp pain or dizziness/);
  });

  it('puts the pause and unsubscribe links in both parts', () => {
    for (const url of [model.pauseUrl, model.unsubscribeUrl]) {
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      expect(email.text).toContain(url);
    }
  });

  it('has a short subject', () => {
    expect(email.subject.length).toBeLessThan(70);
  });
});
