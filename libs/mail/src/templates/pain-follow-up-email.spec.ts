import { escapeHtml } from './escape';
import { renderPainFollowUpEmail, type PainFollowUpEmailModel } from './pain-follow-up-email';

const model: PainFollowUpEmailModel = {
  firstName: '<script>x()</script> & Gu',
  organizationName: 'Knees & <em>Co</em>',
  settledUrl: 'https://app.example/p/follow-up?token=s&answer=settled',
  sameUrl: 'https://app.example/p/follow-up?token=m&answer=same',
  worseUrl: 'https://app.example/p/follow-up?token=w&answer=worse',
  isReminder: false,
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=c&x=1',
};

describe('renderPainFollowUpEmail', () => {
  const email = renderPainFollowUpEmail(model);

  it('asks how the knee is this morning, first thing', () => {
    expect(email.subject).toBe('How is your knee this morning?');
    expect(email.text.split('\n')[0]).toContain('how is your knee this morning?');
  });

  it('has three big buttons that look different, in order, with their links in both parts', () => {
    const buttons: [string, string, string][] = [
      ['It has settled', model.settledUrl, 'rw-button'],
      ['About the same', model.sameUrl, 'rw-button rw-button-plain'],
      ['It is worse', model.worseUrl, 'rw-button rw-button-warning'],
    ];
    let last = -1;
    const looks = new Set<string>();
    for (const [label, url, cls] of buttons) {
      const html = `<a href="${escapeHtml(url)}" target="_blank" class="${cls}"`;
      expect(email.html).toContain(html);
      expect(email.html.indexOf(html)).toBeGreaterThan(last);
      last = email.html.indexOf(html);
      expect(email.text).toContain(`${label}:\n${url}`);
      const cell = email.html.slice(email.html.lastIndexOf('<td', last), last);
      looks.add(/background-color:(#[0-9a-f]+)/.exec(cell)![1]!);
    }
    // Filled green, white with a green outline, filled amber-brown.
    expect([...looks]).toEqual(['#1d6b57', '#ffffff', '#9a3412']);
  });

  it('sends swelling, sharp pain or giving way to "It is worse", and says stop and see a professional', () => {
    expect(email.text).toContain(
      '** Swelling, sharp pain or giving way? **\nThen stop retro walking until a GP or physiotherapist has checked your knee: tap "It is worse" and say so. If it is severe, get urgent medical help.',
    );
  });

  it('escapes the person and organisation and keeps the unsubscribe link in both parts', () => {
    expect(email.html).not.toMatch(/<(script|em)>/);
    for (const value of [model.firstName, model.organizationName]) {
      expect(email.html).toContain(escapeHtml(value));
      expect(email.text).toContain(value);
    }
    expect(email.html).toContain(`href="${escapeHtml(model.unsubscribeUrl)}"`);
    expect(email.text).toContain(model.unsubscribeUrl);
  });

  it('says so when it is the second ask, with the same buttons and a short subject', () => {
    const reminder = renderPainFollowUpEmail({ ...model, isReminder: true });
    expect(reminder.subject).toMatch(/^Reminder: how is your knee/);
    expect(reminder.text).toContain('We have not heard from you yet.');
    expect(email.text).not.toContain('We have not heard from you yet.');
    expect(reminder.text).toContain(model.worseUrl);
    for (const subject of [email.subject, reminder.subject]) expect(subject.length).toBeLessThan(70);
  });
});
