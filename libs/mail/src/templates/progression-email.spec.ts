import { escapeHtml } from './escape';
import { renderProgressionEmail, type ProgressionEmailModel } from './progression-email';

const model: ProgressionEmailModel = {
  firstName: '<script>x()</script> & Fa',
  organizationName: 'Knees & <u>Co</u>',
  level: {
    number: 2,
    name: 'Free-<standing>',
    instructions: ['Walk backwards for 10 minutes & rest', 'Keep support <near>'],
    safetyPoint: 'If you wobble, hold on & wait',
  },
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
};

describe('renderProgressionEmail', () => {
  const email = renderProgressionEmail(model);

  it('says well done and names the new level in the first two lines', () => {
    const [heading, , , intro] = email.text.split('\n');
    expect(heading).toContain('Well done');
    expect(intro).toContain('you move up to Free-<standing> (Level 2)');
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [
      model.firstName,
      model.organizationName,
      model.level.name,
      model.level.safetyPoint,
      ...model.level.instructions,
    ];
    expect(email.html).not.toMatch(/<(script|u|standing|near)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
  });

  it('asks them to go gently and names the signs that mean stop', () => {
    expect(email.text).toContain('Go gently');
    expect(email.text).toMatch(/Stop at once if you fall, feel sharp pain or dizziness/);
  });

  it('puts the pause and unsubscribe links in both parts', () => {
    for (const url of [model.pauseUrl, model.unsubscribeUrl]) {
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      expect(email.text).toContain(url);
    }
  });

  it('keeps the subject under 70 characters even with a long level name', () => {
    expect(email.subject.length).toBeLessThan(70);
    const long = renderProgressionEmail({
      ...model,
      level: { ...model.level, name: 'A very long level name that goes on and on and on for a while' },
    });
    expect(long.subject.length).toBeLessThan(70);
  });
});
