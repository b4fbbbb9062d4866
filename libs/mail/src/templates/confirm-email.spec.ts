import { renderConfirmEmail, type ConfirmEmailModel } from './confirm-email';
import { escapeHtml } from './escape';

const hostile: ConfirmEmailModel = {
  firstName: '<script>alert("hi")</script> & Ann',
  organizationName: 'Knees & <b>Co</b>',
  confirmUrl: 'https://app.example/p/confirm?token=abc&lang=en',
  unsubscribeUrl: 'https://app.example/p/unsubscribe?token=def&lang=en',
};

describe('renderConfirmEmail', () => {
  const email = renderConfirmEmail(hostile);

  it('escapes every model value in the HTML part', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Co</b>');
    expect(email.html).toContain(escapeHtml(hostile.firstName));
    expect(email.html).toContain(escapeHtml(hostile.organizationName));
  });

  it('keeps the values as written in the plain-text part', () => {
    expect(email.text).toContain(hostile.firstName);
    expect(email.text).toContain(hostile.organizationName);
  });

  it('puts the confirm and unsubscribe links in both parts', () => {
    for (const url of [hostile.confirmUrl, hostile.unsubscribeUrl]) {
      expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      expect(email.text).toContain(url);
    }
  });

  it('says the link lasts 14 days and that ignoring it means no emails', () => {
    for (const part of [email.html, email.text]) {
      expect(part).toContain('14 days');
      expect(part).toContain('If you ignore this email, we will not send you anything');
    }
  });

  it('has a short subject that does not depend on the person', () => {
    expect(email.subject.length).toBeLessThan(70);
    expect(email.subject).not.toContain('<');
  });
});
