import { escapeHtml } from './escape';
import { renderWelcomeEmail, type WelcomeEmailModel } from './welcome-email';

const model: WelcomeEmailModel = {
  firstName: '<script>x()</script> & Cy',
  organizationName: 'Knees & <u>Co</u>',
  reminderSummary: 'Mondays & Fridays at 07:30, Europe/Berlin time',
  level: {
    number: 1,
    name: 'Supported <start>',
    instructions: ['Hold the rail & take small steps back', 'Walk about 5 minutes in all'],
    safetyPoint: 'Keep a hand on the rail <at first>',
  },
  safetyBasics: [
    { title: 'Clear space', text: 'No rugs & no pets behind you' },
    { title: 'When to stop', text: 'Sharp or lasting pain means <stop>' },
  ],
  needsClearance: false,
  clearanceReasons: [],
  pauseUrl: 'https://app.example/p/pause?token=b&x=1',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
};

const cleared = {
  ...model,
  needsClearance: true,
  clearanceReasons: ['Knee surgery <6 months ago', 'Vertigo & dizziness'],
};

describe('renderWelcomeEmail, ready to walk', () => {
  const email = renderWelcomeEmail(model);

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [
      model.firstName,
      model.organizationName,
      model.reminderSummary,
      model.level.name,
      model.level.safetyPoint,
      ...model.level.instructions,
      ...model.safetyBasics.flatMap((basic) => [basic.title, basic.text]),
    ];
    expect(email.html).not.toMatch(/<(script|u|start|stop)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
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

describe('renderWelcomeEmail, waiting for clearance', () => {
  const email = renderWelcomeEmail(cleared);

  it('explains at the top, with their reasons, that reminders wait for a GP or physiotherapist', () => {
    const firstHeadings = email.text.split('What happens next')[0] ?? '';
    expect(firstHeadings).toContain('we will not send you session reminders yet');
    expect(firstHeadings).toMatch(/GP or a physiotherapist/);
    for (const reason of cleared.clearanceReasons) {
      expect(firstHeadings).toContain(reason);
      expect(email.html).toContain(escapeHtml(reason));
    }
    expect(email.text).toMatch(/your coach or Knees & <u>Co<\/u> will confirm this/);
  });

  it('never gives the level instructions or invites them to start walking', () => {
    for (const part of [email.html, email.text, email.subject]) {
      for (const instruction of cleared.level.instructions) {
        expect(part).not.toContain(instruction);
        expect(part).not.toContain(escapeHtml(instruction));
      }
      expect(part).not.toContain(escapeHtml(cleared.level.name));
      expect(part).not.toMatch(/start walking|begin walking|your first level|how to begin|log today/i);
    }
    expect(email.text).toContain('please hold off on retro walking');
  });

  it('keeps the unsubscribe link but has nothing to pause', () => {
    expect(email.text).toContain(cleared.unsubscribeUrl);
    expect(email.html).toContain(`href="${escapeHtml(cleared.unsubscribeUrl)}"`);
    expect(email.text).not.toContain(cleared.pauseUrl);
  });

  it('escapes the person and organisation and has a short subject', () => {
    expect(email.html).not.toMatch(/<(script|u)>/);
    expect(email.html).toContain(escapeHtml(cleared.firstName));
    expect(email.subject.length).toBeLessThan(70);
  });
});
