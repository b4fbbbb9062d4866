import { mkdir, readFile } from 'node:fs/promises';
import {
  enrollmentBody,
  linkIn,
  launchChromium,
  phonePage,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';
import { type Browser, type Page } from 'playwright-core';

const SHOTS = 'var/screenshots';

/** "Your data" from an email's footer, used as a participant would: in a real browser at phone width. */
describe('"your data" page in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio'));
    await rw.advanceClock(apiKey, '2027-05-03T06:00:00Z');
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  async function fitsThePhone(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    for (const button of await page.locator('.button').all()) {
      const box = await button.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(48);
      expect(box!.width).toBeGreaterThan(300);
    }
  }

  it('downloads the data, explains the deletion, and deletes on the second tap', async () => {
    const email = 'browser.data@example.com';
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email, firstName: 'Robin', timezone: 'Europe/London' }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1);
    const page = await phonePage(browser, { acceptDownloads: true });
    await page.goto(linkIn(smtp.for(email, 'welcome')[0]!.text, 'data'));

    await expect(page.locator('h1').textContent()).resolves.toBe('Your data');
    await fitsThePhone(page);
    await page.screenshot({ path: `${SHOTS}/data-page.png`, fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^retrowalk-export-[0-9a-f-]{36}-2027-05-03\.json$/);
    const document = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      enrollment: { email: string };
    };
    expect(document.enrollment.email).toBe(email);

    await page.getByRole('link', { name: 'Delete my data' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Delete your data?');
    await fitsThePhone(page);
    await page.screenshot({ path: `${SHOTS}/data-erase-confirm.png`, fullPage: true });

    await page.getByRole('button', { name: 'Yes, delete my data' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your data is deleted');
    await fitsThePhone(page);
    await page.screenshot({ path: `${SHOTS}/data-erased.png`, fullPage: true });
    expect((await rw.request('GET', `/v1/enrollments/${String(created.body.id)}`, { apiKey })).status).toBe(
      404,
    );
  });
});
