import { loadConfig } from './app-config';
import { problemsOf } from './config-problems.spec-helper';

describe('operations settings', () => {
  it('default to an operations port beside the public one, no metrics token and no dashboard', () => {
    expect(loadConfig({}).operations).toEqual({
      apiPort: 3002,
      host: '0.0.0.0',
      metricsToken: null,
      dashboard: null,
    });
  });

  it('take a token, a host and either dashboard credential', () => {
    const token = 'a-metrics-token-of-at-least-32-chars';
    const config = loadConfig({
      OPS_PORT: '9464',
      OPS_HOST: '127.0.0.1',
      METRICS_TOKEN: token,
      DASHBOARD_VIEWER_PASSWORD: 'viewer-password-123',
    });
    expect(config.operations).toEqual({
      apiPort: 9464,
      host: '127.0.0.1',
      metricsToken: token,
      dashboard: { adminPassword: null, viewerPassword: 'viewer-password-123' },
    });
  });

  it('refuse a short secret without showing it, one port for both, and one password for both roles', () => {
    const short = problemsOf({ METRICS_TOKEN: 'short-token', DASHBOARD_ADMIN_PASSWORD: 'tiny' });
    expect(short).toEqual([
      'METRICS_TOKEN (11 characters, not shown): must be at least 32 characters',
      'DASHBOARD_ADMIN_PASSWORD (4 characters, not shown): must be at least 16 characters',
    ]);
    expect(problemsOf({ PORT: '4000', OPS_PORT: '4000' })[0]).toMatch(/^OPS_PORT: must differ from PORT/);
    const same = 'the-same-password-twice';
    expect(problemsOf({ DASHBOARD_ADMIN_PASSWORD: same, DASHBOARD_VIEWER_PASSWORD: same })).toEqual([
      'DASHBOARD_VIEWER_PASSWORD: must differ from DASHBOARD_ADMIN_PASSWORD',
    ]);
    expect(problemsOf({ OPS_HOST: 'not a host' })[0]).toMatch(/^OPS_HOST/);
  });
});
