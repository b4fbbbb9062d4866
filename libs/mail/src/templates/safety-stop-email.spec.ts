import { escapeHtml } from './escape';
import { renderSafetyStopEmail, type SafetyStopEmailModel } from './safety-stop-email';

const model: SafetyStopEmailModel = {
  firstName: '<script>x()</script> & Di',
  organizationName: 'Knees & <b>Co</b>',
  reasons: ['You said your knee gave way & you <fell>', 'You rated the pain 7 of 10'],
  advice: 'Please stop walking backwards for now & rest <the leg>.',
  clearedUrl: 'https://app.example/p/cleared?token=a&x=1',
};

describe('renderSafetyStopEmail', () => {
  const email = renderSafetyStopEmail(model);

  it('says stop, see a GP or physiotherapist and reminders are paused in the first two lines', () => {
    const [heading, , , intro] = email.text.split('\n');
    expect(heading).toContain('please stop retro walking for now');
    expect(intro).toMatch(/do not walk backwards again until a GP or physiotherapist has checked your knee/);
    expect(intro).toMatch(/paused your programme and your reminders/);
    expect(email.subject).toMatch(/stop retro walking/i);
  });

  it('tells them to get urgent help if it is severe', () => {
    expect(email.text).toMatch(/If it is severe, get help now/);
    expect(email.text).toMatch(/urgent care or call your local emergency number/);
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [model.firstName, model.organizationName, model.advice, ...model.reasons];
    expect(email.html).not.toMatch(/<(script|b|fell|the leg)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
  });

  it('links to the clearance page in both parts, only after a professional has said yes', () => {
    expect(email.html).toContain(`href="${escapeHtml(model.clearedUrl)}"`);
    expect(email.text).toContain(
      `Only after a professional has said yes. I have been cleared to start again:\n${model.clearedUrl}`,
    );
  });

  it('has no unsubscribe link, because safety messages reach everyone', () => {
    expect(email.html.toLowerCase()).not.toContain('unsubscribe');
    expect(email.text.toLowerCase()).not.toContain('unsubscribe');
  });

  it('leaves out the reasons list when there are none, and keeps the subject short', () => {
    const bare = renderSafetyStopEmail({ ...model, reasons: [] });
    expect(bare.text).not.toContain('This is what you told us');
    expect(bare.text).toContain(model.advice);
    expect(email.subject.length).toBeLessThan(70);
  });
});
