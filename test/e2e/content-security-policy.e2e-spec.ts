import { mkdir } from 'node:fs/promises';
import {
  enrollmentBody,
  launchChromium,
  linkIn,
  phonePage,
  RetrowalkHarness,
  SmtpSink,
  WorkspaceBrowser,
} from '@retrowalk/testing';
import { type Browser, type Page } from 'playwright-core';

const SHOTS = 'var/screenshots';

interface Watched {
  page: Page;
  /** Console errors and warnings, uncaught page errors. */
  problems: string[];
  violations: () => Promise<string[]>;
}

/**
 * Every kind of page we render, in Debian's Chromium under the real Content-Security-Policy: each
 * must look and work as before, with not one console error, page error or policy violation (a
 * style or script the policy blocks is silently dropped, so only the browser can tell).
 */
describe('pages under the Content-Security-Policy in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;
  const email = 'csp.walker@example.com';

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio'));
    await rw.advanceClock(apiKey, '2027-05-03T06:00:00Z'); // Monday, 07:00 in London
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({
        email,
        timezone: 'Europe/London',
        reminder: { days: ['mon', 'wed'], time: '07:30' },
      }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    const next = await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey });
    await rw.advanceClock(apiKey, String(next.body.nextReminderAt));
    await smtp.waitFor(
      () => smtp.for(email, 'reminder').length === 1 && smtp.for(email, 'outcome_check').length === 1,
    );
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  async function watched(options: { cookie?: string } = {}): Promise<Watched> {
    const page = await phonePage(browser);
    if (options.cookie) {
      await page
        .context()
        .addCookies([{ name: 'rw_session', value: options.cookie, url: `${rw.baseUrl}/coach` }]);
    }
    const problems: string[] = [];
    page.on('console', (message) => {
      const at = message.location().url;
      // The browser asks for /favicon.ico on its own; we have none, and that is no policy matter.
      if (at.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.text()} ${at}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    // Installed before any of the page's own code runs, so a violation during load is seen too.
    // (Strings, as in the other browser tests: the test code is compiled without the DOM types.)
    await page.addInitScript(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample));
    `);
    return { page, problems, violations: () => page.evaluate<string[]>('window.cspViolations') };
  }

  async function expectClean(w: Watched): Promise<void> {
    expect(await w.violations()).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  }

  /** The page's stylesheet applied: the body has the pages' background, not the browser's white. */
  const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');

  it('the check-in form: styled, and it still posts', async () => {
    const url = linkIn(smtp.for(email, 'reminder')[0]!.text, 'check-in');
    const w = await watched();
    const response = await w.page.goto(url);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await background(w.page)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await background(w.page)).not.toBe('rgb(255, 255, 255)');
    await w.page.screenshot({ path: `${SHOTS}/csp-check-in-form.png`, fullPage: true });
    await w.page.fill('input[name="durationMinutes"]', '6');
    await w.page.click('label:has(input[name="painDuring"][value="2"])');
    await w.page.click('label:has(input[name="painType"][value="muscle_effort"])');
    await Promise.all([w.page.waitForURL(url.replace(/\?.*/, '')), w.page.click('button[type="submit"]')]);
    expect(await w.page.textContent('h1')).toBeTruthy();
    await expectClean(w);
  });

  it('the outcome check page', async () => {
    const w = await watched();
    await w.page.goto(linkIn(smtp.for(email, 'outcome_check')[0]!.text, 'outcome-baseline'));
    expect(await w.page.textContent('h1')).toMatch(/how is your knee/i);
    expect(await background(w.page)).not.toBe('rgb(255, 255, 255)');
    await expectClean(w);
  });

  it('the cohort report page from a signed link', async () => {
    const link = await rw.request<{ url: string }>(
      'POST',
      '/v1/reports/cohort/link?from=2027-05-01&to=2027-05-10',
      {
        apiKey,
      },
    );
    expect(link.status).toBe(201);
    const w = await watched();
    expect((await w.page.goto(link.body.url))?.status()).toBe(200);
    expect(await w.page.textContent('h1')).toBe('Cohort report');
    // The report's own rules applied too, not only the shared ones.
    const privacyBorder = await w.page.evaluate<string>(
      "getComputedStyle(document.querySelector('.privacy')).borderLeftStyle",
    );
    expect(privacyBorder).toBe('solid');
    await expectClean(w);
  });

  it('the workspace, signed in: its stylesheet and script load from /coach/assets', async () => {
    await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'dana@riverside.test', name: 'Dana Okafor', role: 'coach' },
    });
    const member = new WorkspaceBrowser(rw);
    await member.signIn('dana@riverside.test');
    const w = await watched({ cookie: member.cookie('rw_session')! });
    await w.page.goto(`${rw.baseUrl}/coach/participants`);
    expect(w.page.url()).toBe(`${rw.baseUrl}/coach/participants`);
    expect(await w.page.textContent('body')).toContain('csp.walker@example.com');
    expect(await background(w.page)).not.toBe('rgba(0, 0, 0, 0)');
    // The script ran: filters submit as soon as a choice changes.
    const select = w.page.locator('form.js-autosubmit select').first();
    const last = await select.locator('option').last().getAttribute('value');
    await Promise.all([w.page.waitForURL(/\?/), select.selectOption(last ?? '')]);
    await w.page.goto(`${rw.baseUrl}/coach/attention`);
    await expectClean(w);
  });

  it('Swagger UI at /docs renders under its own policy', async () => {
    const w = await watched();
    await w.page.setViewportSize({ width: 1200, height: 900 });
    await w.page.goto(`${rw.baseUrl}/docs`);
    await w.page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    expect(await w.page.textContent('.swagger-ui .info .title')).toContain('Retrowalk API');
    expect(await w.page.locator('.opblock').count()).toBeGreaterThan(10);
    await expectClean(w);
  });
});
