import { addressBucket, limitClassOf, limitClassOfKey, rateLimitKeyOf } from './rate-limit-rules';

describe('limitClassOf', () => {
  it.each([
    ['/health/live', null, null],
    ['/health/ready', null, null],
    ['/v1/test-clock', '/v1/test-clock', null],
    ['/v1/reports/cohort', '/v1/reports/cohort', 'reports'],
    ['/v1/reports/%63ohort', '/v1/reports/cohort', 'reports'],
    ['/v1/reports/cohort/link', '/v1/reports/cohort/link', 'reports'],
    ['/v1/enrollments/abc/export', '/v1/enrollments/:id/export', 'reports'],
    ['/r/abc', '/r/:token', 'reports'],
    ['/coach/reports/open', '/coach/reports/open', 'reports'],
    ['/coach/reports', '/coach/reports', 'default'],
    ['/p/check-in/abc', '/p/check-in/:token', 'pages'],
    ['/p/nothing/here/at/all', null, 'pages'],
    ['/coach/sign-in', '/coach/sign-in', 'pages'],
    ['/coach/sign-in/abc', '/coach/sign-in/:token', 'pages'],
    ['/v1/email-events', '/v1/email-events', 'pages'],
    ['/v1/email-events/dsn', '/v1/email-events/dsn', 'pages'],
    ['/v1/enrollments', '/v1/enrollments', 'default'],
    ['/v1/nope', null, 'default'],
    ['/docs', '/docs', 'default'],
  ])('%s (route %s) spends %s', (path, route, expected) => {
    expect(limitClassOf(route, path)).toBe(expected);
  });
});

describe('rateLimitKeyOf', () => {
  const caller = { path: '/v1/enrollments', ip: '192.0.2.1', authorization: undefined, cookie: undefined };

  it('counts an API key by its hash, never the key itself', () => {
    const key = rateLimitKeyOf('default', { ...caller, authorization: 'Bearer rw_secretsecret' });
    expect(key).toMatch(/^default:key:[\w-]{32}$/);
    expect(key).not.toContain('secret');
    expect(rateLimitKeyOf('default', { ...caller, authorization: 'Bearer rw_other' })).not.toBe(key);
  });

  it('counts a caller without a key by address, and a session only in the workspace', () => {
    expect(rateLimitKeyOf('default', caller)).toBe('default:addr:192.0.2.1');
    const session = { path: '/coach/participants', cookie: 'rw_csrf=x; rw_session=abcdef' };
    expect(rateLimitKeyOf('default', { ...caller, ...session })).toMatch(/^default:session:[\w-]{32}$/);
    expect(rateLimitKeyOf('default', { ...caller, cookie: 'rw_session=abcdef' })).toBe(
      'default:addr:192.0.2.1',
    );
  });

  it('counts pages by address alone, each kind of page on its own', () => {
    const withKey = { ...caller, authorization: 'Bearer rw_x', cookie: 'rw_session=abc' };
    expect(rateLimitKeyOf('pages', { ...withKey, path: '/v1/email-events' })).toBe(
      'pages:email-events:addr:192.0.2.1',
    );
    expect(rateLimitKeyOf('pages', { ...withKey, path: '/coach/sign-in' })).toBe(
      'pages:sign-in:addr:192.0.2.1',
    );
    expect(rateLimitKeyOf('pages', { ...withKey, path: '/p/check-in/x' })).toBe('pages:links:addr:192.0.2.1');
    expect(rateLimitKeyOf('reports', { ...caller, path: '/r/x' })).toBe('reports:addr:192.0.2.1');
  });

  it('reads the class back from the key', () => {
    expect(limitClassOfKey('reports:key:abc')).toBe('reports');
    expect(limitClassOfKey('pages:links:addr:1.2.3.4')).toBe('pages');
    expect(limitClassOfKey('default:addr:1.2.3.4')).toBe('default');
  });
});

describe('addressBucket', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:0db8:0001:0002:ffff::', '2001:db8:1:2::/64'],
  ])('%s counts as %s', (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket);
  });
});
