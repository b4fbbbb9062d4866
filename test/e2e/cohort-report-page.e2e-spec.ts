import { mkdir } from 'node:fs/promises';
import { LinkService } from '@retrowalk/application';
import {
  CLEAN_WALK,
  enrollmentBody,
  launchChromium,
  phonePage,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';
import { type Browser } from 'playwright-core';

const SHOTS = 'var/screenshots';

/** The cohort report page as a manager sees it: a phone-width browser, from a signed link. */
describe('cohort report page in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Northwind Wellness'));
    await rw.advanceClock(apiKey, '2027-03-01T10:00:00Z');
    const audiences = ['knee_pain', 'knee_pain', 'knee_pain', 'knee_pain', 'knee_pain', 'general', 'athlete'];
    const ids: string[] = [];
    for (const week of ['2027-03-01T10:00:00Z', '2027-03-08T10:00:00Z']) {
      await rw.advanceClock(apiKey, week);
      for (const audience of audiences) {
        const created = await rw.request('POST', '/v1/enrollments', {
          apiKey,
          body: enrollmentBody({ audience, timezone: 'Europe/London' }),
        });
        const id = String(created.body.id);
        await rw.request('POST', rw.api.get(LinkService).url('confirm', id));
        ids.push(id);
      }
    }
    await rw.advanceClock(apiKey, '2027-03-10T12:00:00Z');
    for (const [i, id] of ids.entries()) {
      await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
        apiKey,
        body: {
          performedAt: '2027-03-10T12:00:00Z',
          ...CLEAN_WALK,
          painDuring: i % 3 === 0 ? 4 : 1,
          painType: i % 3 === 0 ? 'aching' : 'none',
        },
      });
    }
    await rw.advanceClock(apiKey, '2027-03-29T09:00:00Z');
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  it('is readable at phone width: charts, hidden cells explained, and no sideways page scroll', async () => {
    const link = await rw.request<{ url: string }>(
      'POST',
      '/v1/reports/cohort/link?from=2027-03-01&to=2027-03-28&groupBy=audience',
      { apiKey },
    );
    const page = await phonePage(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(link.body.url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Cohort report');
    expect(await page.locator('svg.chart').count()).toBe(3);
    expect(await page.getByText('about fewer than 5 people').count()).toBe(1);
    expect(await page.getByText('hidden', { exact: true }).count()).toBeGreaterThan(0);
    // The page itself never scrolls sideways; only the wide table does, inside its own box.
    const pageWidth = await page.evaluate('document.documentElement.scrollWidth');
    expect(pageWidth).toBeLessThanOrEqual(390);
    expect(requests).toEqual([link.body.url]); // no fonts, scripts or images from anywhere
    await page.screenshot({ path: `${SHOTS}/cohort-report-390.png`, fullPage: true });
    await page.context().close();
  });
});
