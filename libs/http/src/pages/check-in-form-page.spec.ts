import { renderCheckInFormPage, type CheckInFormPageModel } from './check-in-form-page';

const model: CheckInFormPageModel = {
  organizationName: 'Knees & <b>Co</b>',
  firstName: 'Maria <i>"M"</i>',
  levelName: 'Supported start (Level 1) <hr>',
  formAction: '/p/check-in/abc.def?x=1&y=2',
  submissionId: '0b7c6a8e-3f1d-4c2a-9e4b-5d6f7a8b9c0d',
  defaultMinutes: 5,
  days: [
    { date: '2027-05-05', label: 'Today, Wednesday 5 May', logged: false, preselected: false },
    { date: '2027-05-04', label: 'Yesterday, Tuesday 4 May', logged: true, preselected: false },
    {
      date: '2027-05-03',
      label: 'Monday 3 May, the day of your <reminder>',
      logged: false,
      preselected: true,
    },
  ],
  support: { holdOn: true, advice: 'Keep a hand on a handrail & sturdy furniture.' },
};

const html = renderCheckInFormPage(model);

function inputsNamed(name: string): string[] {
  return html.match(new RegExp(`<input [^>]*name="${name}"[^>]*>`, 'g')) ?? [];
}

describe('renderCheckInFormPage', () => {
  it('is a complete phone page with a title and no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Log a walk - Knees &amp; &lt;b&gt;Co&lt;/b&gt;</title>');
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
  });

  it('escapes the names it shows', () => {
    expect(html).toContain('<p class="org">Knees &amp; &lt;b&gt;Co&lt;/b&gt;</p>');
    expect(html).toContain('<h1>How did your walk go, Maria &lt;i&gt;&quot;M&quot;&lt;/i&gt;?</h1>');
    expect(html).toContain('<strong>Supported start (Level 1) &lt;hr&gt;</strong>');
    expect(html).not.toMatch(/<(b|i|hr)>/);
  });

  it('POSTs to the form action with the submission id as a hidden field', () => {
    expect(html).toContain('<form method="post" action="/p/check-in/abc.def?x=1&amp;y=2"');
    expect(html.match(/<form/g)).toHaveLength(1);
    expect(html).toContain(`<input type="hidden" name="submission" value="${model.submissionId}">`);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('<button type="submit" class="button send">Send</button>');
  });

  it('refuses a form action that is not http(s) or a path', () => {
    expect(() => renderCheckInFormPage({ ...model, formAction: 'javascript:alert(1)' })).toThrow();
  });

  it('has every field the server reads', () => {
    for (const name of ['submission', 'day', 'durationMinutes', 'painDuring', 'painType', 'usedSupport']) {
      expect(inputsNamed(name).length).toBeGreaterThan(0);
    }
    for (const name of ['nearFall', 'fall', 'swelling', 'kneeGaveWay', 'dizziness']) {
      expect(inputsNamed(name)).toEqual([`<input type="checkbox" name="${name}" value="yes">`]);
    }
    expect(html).toContain('<textarea id="notes" name="notes" maxlength="1000"');
  });

  it('asks for the minutes in a labelled number box, pre-filled', () => {
    const [minutes] = inputsNamed('durationMinutes');
    expect(minutes).toMatch(/type="number"/);
    expect(minutes).toMatch(/id="durationMinutes"/);
    expect(minutes).toMatch(/inputmode="numeric" min="0" max="300"/);
    expect(minutes).toMatch(/value="5"/);
    expect(html).toContain(
      '<label class="field-label" for="durationMinutes">How many minutes did you walk backwards?</label>',
    );
    const minutesOf = (defaultMinutes: number) =>
      /name="durationMinutes"[^>]*value="([^"]*)"/.exec(
        renderCheckInFormPage({ ...model, defaultMinutes }),
      )?.[1];
    expect(minutesOf(7.6)).toBe('8');
    expect(minutesOf(-3)).toBe('0');
    expect(minutesOf(999)).toBe('300');
    expect(minutesOf(Number.NaN)).toBe('');
  });

  it('offers pain 0 to 10 as required radios, with the scale explained', () => {
    const pain = inputsNamed('painDuring');
    expect(pain).toHaveLength(11);
    pain.forEach((input, value) => {
      expect(input).toBe(`<input type="radio" name="painDuring" value="${value}" required>`);
    });
    expect(html).toContain('<legend>How much did your knee hurt during the walk?</legend>');
    expect(html).toContain('<fieldset aria-describedby="pain-scale">');
    expect(html).toMatch(
      /id="pain-scale">0 means no pain\. 1 to 3 is mild.*4 or 5 is moderate\. 6 or more is strong\./,
    );
  });

  it('asks what the pain felt like with required radios', () => {
    expect(inputsNamed('painType')).toEqual(
      ['none', 'muscle_effort', 'aching', 'sharp'].map(
        (value) => `<input type="radio" name="painType" value="${value}" required>`,
      ),
    );
    expect(html).toContain('<span>My thigh muscles working — that&#39;s normal</span>');
    expect(html).toContain('<span>Sharp pain</span>');
  });

  it('groups the warning signs under one question and says what happens if ticked', () => {
    expect(html).toContain('<legend>Did any of these happen?</legend>');
    expect(html).toContain("If so, we'll tell you what to do next.");
    expect(html).toContain('<span>My knee gave way</span>');
    expect(html).not.toMatch(/type="checkbox"[^>]*required/);
  });

  it('lays the pain scale out as a grid that fits a 320px screen', () => {
    expect(html).toMatch(/\.scale \{ display: grid; grid-template-columns: repeat\(6, 1fr\)/);
    expect(html).toMatch(/@media \(max-width: 379px\) \{ \.scale \{ grid-template-columns: repeat\(4, 1fr\)/);
  });

  it('asks which day the walk was, the reminder day chosen, and marks a day already logged', () => {
    expect(html.indexOf('<legend>Which day was the walk?</legend>')).toBeLessThan(
      html.indexOf('durationMinutes'),
    );
    expect(inputsNamed('day')).toEqual([
      '<input type="radio" name="day" value="2027-05-05" required>',
      '<input type="radio" name="day" value="2027-05-04" required>',
      '<input type="radio" name="day" value="2027-05-03" required checked>',
    ]);
    expect(html).toContain('<span>Yesterday, Tuesday 4 May <span class="badge">already logged</span></span>');
    expect(html).toContain('<span>Monday 3 May, the day of your &lt;reminder&gt;</span>');
    expect(html).toContain('id="day-note">A day marked “already logged” has a walk.');
    const none = renderCheckInFormPage({ ...model, days: model.days.map((d) => ({ ...d, logged: false })) });
    expect(none).not.toContain('already logged');
  });

  it('asks about holding on apart from the warning signs, ticked where the level says hold on', () => {
    const warnings = html.slice(html.indexOf('<legend>Did any of these happen?</legend>'));
    expect(warnings).not.toMatch(/usedSupport|held on|hand on support/);
    expect(html).toContain('<legend>Holding on</legend>');
    expect(html).toContain('id="support-note">Keep a hand on a handrail &amp; sturdy furniture.</p>');
    expect(inputsNamed('usedSupport')).toEqual([
      '<input type="checkbox" name="usedSupport" value="yes" checked>',
    ]);
    expect(html).toContain('<span>I kept a hand on support, as this level asks</span>');
    const free = renderCheckInFormPage({ ...model, support: { holdOn: false, advice: 'Walk free.' } });
    expect(free).toContain('<input type="checkbox" name="usedSupport" value="yes">');
    expect(free).toContain('<span>I held on to something for support</span>');
  });
});
