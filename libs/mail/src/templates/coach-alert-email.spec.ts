import { renderCoachAlertEmail, type CoachAlertEmailModel } from './coach-alert-email';
import { escapeHtml } from './escape';

const model: CoachAlertEmailModel = {
  coachOrganizationName: 'Knees & <i>Co</i>',
  participantName: '<script>x()</script> & Ed',
  participantEmail: 'ed+<test>@example.org',
  reportedAt: 'Tuesday 11 March, 18:40 <Europe/Berlin>',
  level: 3,
  reasons: ['Their knee gave way & they <fell>', 'Pain during the walk was 7 of 10'],
  details: [
    { label: 'Pain <during>', value: '7 & rising' },
    { label: 'Notes', value: 'Slipped on a <rug>' },
  ],
  clearanceApiHint: 'POST /v1/enrollments/abc/clearance with {"clearedBy": "<name>"}',
  participantUrl: 'https://rw.example/coach/participants/abc?x=<1>',
  participantMayRestart: false,
};

describe('renderCoachAlertEmail', () => {
  const email = renderCoachAlertEmail(model);

  it('says who and that the programme is stopped and reminders cancelled, in the first two lines', () => {
    const [heading, , , intro] = email.text.split('\n');
    expect(heading).toContain(model.participantName);
    expect(intro).toMatch(/stopped their retro walking programme and cancelled their pending reminders/);
    expect(email.subject).toMatch(/^Safety stop/);
  });

  it('escapes every model value in the HTML part and keeps it as written in the text part', () => {
    const values = [
      model.coachOrganizationName,
      model.participantName,
      model.participantEmail,
      model.reportedAt,
      model.clearanceApiHint,
      ...model.reasons,
      ...model.details.flatMap((detail) => [detail.label, detail.value]),
    ];
    expect(email.html).not.toMatch(/<(script|i|test|fell|during|rug|name)>/);
    for (const value of values) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
    expect(email.text).toContain('Level 3');
    expect(email.text).toContain(`${model.details[0]?.label}: ${model.details[0]?.value}`);
  });

  it('explains how to clear them, only after a professional has checked the knee', () => {
    expect(email.text).toMatch(/Only clear them once a doctor or physiotherapist has checked the knee/);
    expect(email.text).toContain(model.clearanceApiHint);
  });

  it("puts a button to the participant's page in the workspace right after what they reported", () => {
    const text = email.text;
    expect(text.indexOf(model.participantUrl)).toBeGreaterThan(text.indexOf(model.reasons[1]!));
    expect(text.indexOf(model.participantUrl)).toBeLessThan(text.indexOf('Details'));
    expect(email.html).toContain(`href="${escapeHtml(model.participantUrl)}"`);
  });

  it('says what happens when the participant says they are cleared, under each clearance policy', () => {
    expect(email.text).toMatch(/the programme stays stopped until you confirm/);
    const attests = renderCoachAlertEmail({ ...model, participantMayRestart: true });
    expect(attests.text).toMatch(/lets participants restart on their own word/);
  });

  it('has no unsubscribe link', () => {
    expect(email.html.toLowerCase()).not.toContain('unsubscribe');
    expect(email.text.toLowerCase()).not.toContain('unsubscribe');
  });

  it('still says a red flag was reported when no reasons are given', () => {
    const bare = renderCoachAlertEmail({ ...model, reasons: [], details: [] });
    expect(bare.text).toContain('A red flag was reported');
  });

  it('keeps the subject under 70 characters even with a long name', () => {
    expect(email.subject.length).toBeLessThan(70);
    const long = renderCoachAlertEmail({ ...model, participantName: 'Maximiliana '.repeat(8) });
    expect(long.subject.length).toBeLessThan(70);
    expect(long.subject).toMatch(/^Safety stop: programme paused for/);
  });
});
