import { loadConfig } from './app-config';
import { problemsOf } from './config-problems.spec-helper';

const PRODUCTION = {
  NODE_ENV: 'production',
  LINK_SECRET: 'x'.repeat(40),
  PUBLIC_BASE_URL: 'https://retrowalk.example',
};

describe('limits settings', () => {
  it('has sane defaults: limits on, no proxy believed, docs outside production only', () => {
    const { limits } = loadConfig({});
    expect(limits).toEqual({
      rateLimits: { perMinute: 600, reportsPerMinute: 30, pagesPerMinute: 60 },
      trustProxy: false,
      apiDocs: true,
    });
    expect(loadConfig(PRODUCTION).limits.apiDocs).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'enabled' }).limits.apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'disabled' }).limits.apiDocs).toBe(false);
  });

  it('reads each limit', () => {
    const { limits } = loadConfig({
      RATE_LIMIT_PER_MINUTE: '100',
      RATE_LIMIT_REPORTS_PER_MINUTE: '5',
      RATE_LIMIT_PAGES_PER_MINUTE: '7',
    });
    expect(limits.rateLimits).toEqual({ perMinute: 100, reportsPerMinute: 5, pagesPerMinute: 7 });
  });

  it.each([
    ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['RATE_LIMIT_REPORTS_PER_MINUTE', '-3'],
    ['RATE_LIMIT_PAGES_PER_MINUTE', '1.5'],
    ['API_DOCS', 'yes'],
  ])('names %s when it is %p', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}\\b`))]);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['off', false],
    ['false', false],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['loopback,fd00::/8', ['loopback', 'fd00::/8']],
  ])('TRUST_PROXY=%p is %p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).limits.trustProxy).toEqual(expected);
  });

  it.each(['true', 'all', '11', '10.0.0.0/33', 'proxy.internal', '10.0.0.1,', '::1/129', '1.2.3.4/8/9'])(
    'refuses TRUST_PROXY=%p with a message naming it',
    (value) => {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY "/)]);
    },
  );
});
