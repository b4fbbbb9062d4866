import { renderAddressConfirmEmail, type AddressConfirmEmailModel } from './address-confirm-email';
import { escapeHtml } from './escape';

const model: AddressConfirmEmailModel = {
  firstName: '<i>Ann</i>',
  organizationName: 'Walk & <b>Co</b>',
  confirmUrl: 'https://app.example/p/confirm-address/abc.123.sig',
  unsubscribeUrl: 'https://app.example/p/unsubscribe/def.456.sig',
};

describe('renderAddressConfirmEmail', () => {
  const email = renderAddressConfirmEmail(model);

  it('asks the new address to confirm, with the link in both parts and every value escaped', () => {
    expect(email.subject).toBe('Please confirm your new email address');
    expect(email.html).toContain(`href="${escapeHtml(model.confirmUrl)}"`);
    expect(email.text).toContain(model.confirmUrl);
    expect(email.html).not.toContain('<i>Ann</i>');
    expect(email.html).toContain(escapeHtml(model.organizationName));
  });

  it('says what happens until it is confirmed, and carries no programme content', () => {
    expect(email.text).toContain('we only send safety messages here');
    expect(email.text).not.toMatch(/level|pain|knee/i);
  });
});
