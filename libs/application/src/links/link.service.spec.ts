import { loadConfig } from '@retrowalk/config';
import { DomainError } from '@retrowalk/domain';
import { type Clock } from '../clock/clock';
import { LinkService } from './link.service';

const ID = '6f1c2f0e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';

function service(now: Date, secret = 'a'.repeat(40)) {
  const clock = { now: () => now, refresh: async () => undefined } as Clock;
  return new LinkService(loadConfig({ LINK_SECRET: secret, PUBLIC_BASE_URL: 'https://walk.example' }), clock);
}

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('LinkService', () => {
  const now = new Date('2027-03-01T12:00:00Z');

  it('builds a link under the public address and reads the enrolment back', () => {
    const links = service(now);
    const url = links.url('pause', ID);
    expect(url).toMatch(/^https:\/\/walk\.example\/p\/pause\/[^/]+$/);
    expect(links.verify('pause', url.split('/').pop()!)).toBe(ID);
  });

  it('binds a token to its purpose', () => {
    const links = service(now);
    expect(codeOf(() => links.verify('unsubscribe', links.token('pause', ID)))).toBe('link_invalid');
  });

  it('refuses any change to the token', () => {
    const links = service(now);
    const token = links.token('confirm', ID);
    const [id, expires, signature] = token.split('.') as [string, string, string];
    const otherId = ID.replace(/^6/, '7');
    expect(codeOf(() => links.verify('confirm', `${otherId}.${expires}.${signature}`))).toBe('link_invalid');
    expect(codeOf(() => links.verify('confirm', `${id}.${Number(expires) + 86_400}.${signature}`))).toBe(
      'link_invalid',
    );
    expect(
      codeOf(() =>
        links.verify(
          'confirm',
          `${id}.${expires}.${signature.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`,
        ),
      ),
    ).toBe('link_invalid');
    expect(codeOf(() => links.verify('confirm', 'garbage'))).toBe('link_invalid');
  });

  it('refuses a token signed with another secret', () => {
    const token = service(now, 'b'.repeat(40)).token('confirm', ID);
    expect(codeOf(() => service(now).verify('confirm', token))).toBe('link_invalid');
  });

  it('expires confirm links after 14 days and unsubscribe links after a year', () => {
    const confirm = service(now).token('confirm', ID);
    const unsubscribe = service(now).token('unsubscribe', ID);
    const day = 86_400_000;
    expect(service(new Date(now.getTime() + 14 * day - 1000)).verify('confirm', confirm)).toBe(ID);
    expect(codeOf(() => service(new Date(now.getTime() + 14 * day + 1000)).verify('confirm', confirm))).toBe(
      'link_expired',
    );
    expect(service(new Date(now.getTime() + 364 * day)).verify('unsubscribe', unsubscribe)).toBe(ID);
    expect(
      codeOf(() => service(new Date(now.getTime() + 366 * day)).verify('unsubscribe', unsubscribe)),
    ).toBe('link_expired');
  });
});
