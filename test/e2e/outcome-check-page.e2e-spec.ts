import { mkdir } from 'node:fs/promises';
import {
  boxesOf,
  enrollmentBody,
  launchChromium,
  linkIn,
  phonePage,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';
import { type Browser, type Page } from 'playwright-core';

const SHOTS = 'var/screenshots';

/** The outcome questionnaire as a participant uses it: from the email's link, on a phone. */
describe('outcome check page in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;
  const email = 'browser.outcomes@example.com';

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio'));
    await rw.advanceClock(apiKey, '2027-05-03T09:00:00Z'); // Monday, 10:00 in London
    await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email, timezone: 'Europe/London', reminder: { days: ['sun'], time: '08:00' } }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await rw.advanceClock(apiKey, '2027-05-03T09:05:00Z');
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  /** What a thumb needs: no sideways scroll, and every answer a target at least 44 px high. */
  async function expectPhoneFriendly(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const heights = (await boxesOf(page, '.scale span, .choice, .button, input[type=text]')).map(
      (b) => b.height,
    );
    expect(heights.length).toBeGreaterThan(0);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  }

  it('takes the first answers: pain, and the activities the person names', async () => {
    const url = linkIn(smtp.for(email, 'outcome_check')[0]!.text, 'outcome-baseline');
    const page = await phonePage(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    await page.screenshot({ path: `${SHOTS}/outcome-check-start.png`, fullPage: true });
    expect(await page.textContent('h1')).toMatch(/Before you start: how is your knee/);
    await expectPhoneFriendly(page);
    expect(await page.locator('script').count()).toBe(0);

    await page.click('label:has(input[name="pain"][value="6"])');
    await page.fill('#activity0', 'Climbing the stairs at home');
    await page.click('label:has(input[name="score0"][value="3"])');
    await page.fill('#activity1', 'Getting up from a low chair');
    await page.click('label:has(input[name="score1"][value="4"])');
    await Promise.all([page.waitForURL(url), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/outcome-check-start-done.png`, fullPage: true });
    expect(await page.textContent('h1')).toBe('Thank you: that is your starting point');
    expect(requests.every((r) => r.startsWith(rw.baseUrl))).toBe(true);
    await page.context().close();
  });

  it('asks six weeks on about the same activities by name, and shows the change', async () => {
    await rw.advanceClock(apiKey, '2027-06-14T09:30:00Z');
    const mail = smtp.for(email, 'outcome_check').find((m) => m.subject.startsWith('Week 6'))!;
    const url = linkIn(mail.text, 'outcome-dose-end');
    const page = await phonePage(browser);
    await page.goto(url);
    await page.screenshot({ path: `${SHOTS}/outcome-check-week-6.png`, fullPage: true });
    expect(await page.locator('legend').allTextContents()).toEqual(
      expect.arrayContaining(['Climbing the stairs at home', 'Getting up from a low chair']),
    );
    await expectPhoneFriendly(page);

    await page.click('label:has(input[name="pain"][value="3"])');
    await page.click('label:has(input[name="score0"][value="7"])');
    await page.click('label:has(input[name="score1"][value="6"])');
    await page.click('label:has(input[name="globalChange"][value="better"])');
    await Promise.all([page.waitForURL(url), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/outcome-check-week-6-done.png`, fullPage: true });
    const body = await page.textContent('body');
    expect(body).toContain(
      'Your average knee pain: 6 out of 10 when you started, 3 now. That is 3 points lower.',
    );
    expect(body).toContain('Climbing the stairs at home: 3 when you started, 7 now.');
    expect(body).toContain('On average that is 3 points better.');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    // Back to the form and again: the first answer stays, and the page says so.
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('You have already answered this check');
    await page.context().close();
  });
});
