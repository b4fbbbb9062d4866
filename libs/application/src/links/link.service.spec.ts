import { loadConfig } from '@retrowalk/config';
import fc from 'fast-check';
import { DomainError } from '@retrowalk/domain';
import { type Clock } from '../clock/clock';
import { LinkService } from './link.service';

const ID = '6f1c2f0e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';

function service(now: Date, secret = 'a'.repeat(40), previous?: string) {
  const clock = { now: () => now, refresh: async () => undefined } as Clock;
  return new LinkService(
    loadConfig({
      LINK_SECRET: secret,
      PUBLIC_BASE_URL: 'https://walk.example',
      ...(previous ? { LINK_SECRET_PREVIOUS: previous } : {}),
    }),
    clock,
  );
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

  it('refuses a token that is not in the exact form it issues, though the parts mean the same', () => {
    const links = service(now);
    const token = links.token('confirm', ID);
    const [id, expires, signature] = token.split('.') as [string, string, string];
    for (const variant of [
      `${id}.0${expires}.${signature}`, // a leading zero: the same instant, and it used to verify
      `${id}.00${expires}.${signature}`,
      `${id.toUpperCase()}.${expires}.${signature}`,
      `${id}.${expires}.${signature}=`,
      `${id}.+${expires}.${signature}`,
      ` ${token}`,
      `${token}\n`,
      `${token}.`,
      `${id.replaceAll('-', '')}----.${expires}.${signature}`,
    ]) {
      expect({ variant, code: codeOf(() => links.verify('confirm', variant)) }).toEqual({
        variant,
        code: 'link_invalid',
      });
    }
  });

  it('refuses any one-character change, insertion or deletion in a valid token', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF-_.=+/ %\u0000\u00e9'.split(''));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: alphabet }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: alphabet }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), char: fc.constant('') }),
    );
    const purposes = fc.constantFrom('confirm', 'pause', 'unsubscribe', 'check-in', 'data' as const);
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        purposes,
        mutation,
        fc.integer({ min: 0, max: 3e9 }),
        (id, purpose, m, offset) => {
          const at = new Date(Date.UTC(2026, 0, 1) + offset * 1000);
          const links = service(at);
          const token = links.token(purpose, id);
          expect(links.verify(purpose, token)).toBe(id);
          const i = m.at % (token.length + (m.kind === 'insert' ? 1 : 0));
          const mutated =
            m.kind === 'replace'
              ? token.slice(0, i) + m.char + token.slice(i + 1)
              : m.kind === 'insert'
                ? token.slice(0, i) + m.char + token.slice(i)
                : token.slice(0, i) + token.slice(i + 1);
          fc.pre(mutated !== token);
          expect(codeOf(() => links.verify(purpose, mutated))).toBe('link_invalid');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses any change to a report link, a leading zero in its expiry included', () => {
    const links = service(now);
    const { url } = links.reportLink({
      organizationId: ID,
      from: '2027-01-04',
      to: '2027-02-28',
      groupBy: 'week',
    });
    const token = url.split('/r/')[1]!;
    expect(links.verifyReportLink(token)).toMatchObject({ organizationId: ID, groupBy: 'week' });
    const parts = token.split('.');
    parts[4] = `0${parts[4]}`;
    expect(codeOf(() => links.verifyReportLink(parts.join('.')))).toBe('link_invalid');
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...'0189abAZ-_.'.split('')), (at, char) => {
        const i = at % token.length;
        const mutated = token.slice(0, i) + char + token.slice(i + 1);
        fc.pre(mutated !== token);
        expect(codeOf(() => links.verifyReportLink(mutated))).toBe('link_invalid');
      }),
    );
  });

  describe('rotating LINK_SECRET', () => {
    const previous = 'p'.repeat(40);
    const current = 'c'.repeat(40);

    it('still accepts links signed with a previous secret, signing new ones with the current one', () => {
      const old = service(now, previous).token('unsubscribe', ID);
      const rotated = service(now, current, `${'q'.repeat(32)},${previous}`);
      expect(rotated.verify('unsubscribe', old)).toBe(ID);
      const fresh = rotated.token('unsubscribe', ID);
      expect(service(now, current).verify('unsubscribe', fresh)).toBe(ID);
      expect(codeOf(() => service(now, previous).verify('unsubscribe', fresh))).toBe('link_invalid');
      const report = service(now, previous).reportLink({
        organizationId: ID,
        from: '2027-01-04',
        to: '2027-01-10',
        groupBy: 'level',
      });
      expect(rotated.verifyReportLink(report.url.split('/r/')[1]!).groupBy).toBe('level');
    });

    it('refuses a link signed with neither, and still expires old links on time', () => {
      const rotated = service(now, current, previous);
      expect(codeOf(() => rotated.verify('pause', service(now, 'n'.repeat(40)).token('pause', ID)))).toBe(
        'link_invalid',
      );
      const old = service(now, previous).token('confirm', ID);
      expect(
        codeOf(() =>
          service(new Date(now.getTime() + 15 * 86_400_000), current, previous).verify('confirm', old),
        ),
      ).toBe('link_expired');
    });
  });
});
