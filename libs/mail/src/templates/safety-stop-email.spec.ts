import { escapeHtml } from './escape';
import { renderSafetyStopEmail, type SafetyStopEmailModel } from './safety-stop-email';

const model: SafetyStopEmailModel = {
  firstName: '<script>x()</script> & Di',
  organizationName: 'Knees & <b>Co</b>',
  told: 'You told us you <fell> & your knee gave way. Any one of these means your knee should be checked.',
  stop: {
    paused: 'We have paused your programme and your reminders, and your coach has been told.',
    whatToDo: ['Rest <the leg>.', 'Book a check with your GP.'],
    urgentTitle: 'Get urgent medical help if',
    urgent: ['your knee swells badly', 'you cannot put weight on it', 'you hit your head'],
    restart: ['When a professional says so, tell us with the link below.', 'We restart you gently.'],
  },
  clearedUrl: 'https://app.example/p/cleared?token=a&x=1',
};

describe('renderSafetyStopEmail', () => {
  const email = renderSafetyStopEmail(model);

  it('says stop, why, and that the programme is paused and the coach told, first', () => {
    const [heading, , , told, , paused] = email.text.split('\n');
    expect(heading).toContain('please stop retro walking for now');
    expect(told).toBe(model.told);
    expect(paused).toBe(model.stop.paused);
    expect(email.subject).toMatch(/stop retro walking/i);
  });

  it('lists the urgent signs in a box, one a line, before the rest of the advice', () => {
    expect(email.text).toContain(
      '** Get urgent medical help if: **\n• your knee swells badly\n• you cannot put weight on it\n• you hit your head',
    );
    expect(email.text.indexOf('urgent')).toBeLessThan(email.text.indexOf('What to do now'));
  });

  it('says each thing once', () => {
    for (const pattern of [/paused/g, /coach/g, /urgent/g, /link below/g]) {
      expect(email.text.match(pattern)).toHaveLength(1);
    }
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [model.firstName, model.organizationName, model.told, ...model.stop.whatToDo];
    expect(email.html).not.toMatch(/<(script|b|fell|the leg)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
  });

  it('links to the clearance page in both parts, right after saying when to use it', () => {
    expect(email.html).toContain(`href="${escapeHtml(model.clearedUrl)}"`);
    expect(email.text).toContain(
      `2. We restart you gently.\n\nA professional has cleared me to start again:\n${model.clearedUrl}`,
    );
  });

  it('has no unsubscribe link, because safety messages reach everyone', () => {
    expect(email.html.toLowerCase()).not.toContain('unsubscribe');
    expect(email.text.toLowerCase()).not.toContain('unsubscribe');
    expect(email.subject.length).toBeLessThan(70);
  });
});
