import { createHash } from 'node:crypto';
import { RetrowalkHarness, WorkspaceBrowser } from '@retrowalk/testing';

/**
 * Security headers on every kind of answer: a participant page, an API answer (and an API error),
 * a workspace page and Swagger UI; the Content-Security-Policy of each allows what the page needs
 * and nothing inline besides; HSTS only on https; /docs gone when API_DOCS is disabled.
 */
function directives(header: string | null): Map<string, string[]> {
  expect(header).not.toBeNull();
  return new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectCommonHeaders(headers: Headers): Map<string, string[]> {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('strict-transport-security')).toBeNull();
  const csp = directives(headers.get('content-security-policy'));
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  return csp;
}

const styleHash = (html: string) => {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  expect(style).toBeDefined();
  return `'sha256-${createHash('sha256').update(style!, 'utf8').digest('base64')}'`;
};

describe('security headers', () => {
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    ({ apiKey } = await rw.createOrganization('Acme Physio', 'coach@acme.test'));
  });

  afterAll(async () => {
    await rw.close();
  });

  it('on a participant page: its one inline style allowed by hash, nothing else inline', async () => {
    const page = await rw.request('GET', '/p/check-in/not-a-real-token');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = expectCommonHeaders(page.headers);
    expect(csp.get('style-src')).toContain(styleHash(page.text));
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('style-src')).not.toContain("'unsafe-hashes'");
  });

  it('on an address the router refuses before any route runs', async () => {
    for (const path of ['/p/confirm/%ED%A0%80', '/v1/enrollments/%ED%A0%80']) {
      const res = await fetch(`${rw.baseUrl}${path}`);
      expect([path, res.status]).toEqual([path, 400]);
      expectCommonHeaders(res.headers);
    }
  });

  it('on an API answer and an API error', async () => {
    const ok = await rw.request('GET', '/v1/organization', { apiKey });
    expect(ok.status).toBe(200);
    expectCommonHeaders(ok.headers);
    const missing = await rw.request('GET', '/v1/no-such-route', { apiKey });
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing.headers);
    const unauthorized = await rw.request('GET', '/v1/organization');
    expect(unauthorized.status).toBe(401);
    expectCommonHeaders(unauthorized.headers);
  });

  it('on a workspace page, signed in, and on its assets', async () => {
    const member = await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'dana@acme.test', name: 'Dana Okafor', role: 'coach' },
    });
    expect(member.status).toBe(201);
    const browser = new WorkspaceBrowser(rw);
    await browser.signIn('dana@acme.test');
    const page = await fetch(`${rw.baseUrl}/coach/participants`, {
      headers: { cookie: `rw_session=${browser.cookie('rw_session')}` },
    });
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('/coach/assets/workspace.css');
    expect(text).not.toMatch(/<style|style="|<script>|\son[a-z]+="/i);
    const csp = expectCommonHeaders(page.headers);
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
    const asset = await fetch(`${rw.baseUrl}/coach/assets/workspace.js`);
    expect(asset.status).toBe(200);
    expectCommonHeaders(asset.headers);
  });

  it('on Swagger UI at /docs: its own policy, inline style allowed there only, script still self', async () => {
    const docs = await fetch(`${rw.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const csp = expectCommonHeaders(docs.headers);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    const init = await fetch(`${rw.baseUrl}/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    expectCommonHeaders(init.headers);
    expect((await fetch(`${rw.baseUrl}/docs-json`)).status).toBe(200);
  });
});

describe('security headers in an https deployment without API docs', () => {
  it('pins https with HSTS and answers 404 at /docs', async () => {
    const rw = await RetrowalkHarness.start({
      worker: false,
      env: { PUBLIC_BASE_URL: 'https://retrowalk.example', API_DOCS: 'disabled' },
    });
    try {
      const local = `http://127.0.0.1:${rw.config.port}`;
      const live = await fetch(`${local}/health/live`);
      expect(live.status).toBe(200);
      expect(live.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const csp = directives(live.headers.get('content-security-policy'));
      expect(csp.has('upgrade-insecure-requests')).toBe(true);
      for (const path of [
        '/docs',
        '/docs/',
        '/docs-json',
        '/docs/swagger-ui-init.js',
        '/docs/swagger-ui.css',
      ]) {
        const res = await fetch(`${local}${path}`);
        expect([path, res.status]).toEqual([path, 404]);
      }
    } finally {
      await rw.close();
    }
  });
});
