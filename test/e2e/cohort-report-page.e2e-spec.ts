import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { boxesOf, launchChromium, phonePage, RetrowalkHarness } from '@retrowalk/testing';
import { type Browser, type Page } from 'playwright-core';
import { Client } from 'pg';

const SHOTS = 'var/screenshots';

// The project compiles without the DOM types; this is all the page code below needs of them.
interface BrowserWindow {
  getComputedStyle(element: unknown): { fontSize: string };
}
const PDFTOPPM = '/usr/bin/pdftoppm';

/**
 * The cohort report page as a manager reads it: at a desk (1280 px), on a phone (390 px), and
 * printed to A4. Sixty people in three audiences are seeded straight into the database with their
 * walks and outcome checks, so the page has every section to show.
 */
describe('cohort report page in a real browser', () => {
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;
  let url: string;

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    let organizationId: string;
    ({ apiKey, organizationId } = await rw.createOrganization('Northwind Wellness'));
    const db = new Client({ connectionString: rw.database.url });
    await db.connect();
    // 60 people enrolled on two Mondays; two in three walked twice; all answered the first check,
    // 45 the week-6 one (pain down 2 for the first 25 of them).
    await db.query(
      `WITH people AS (
         INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
           audience, screening, status, level, confirmed_at, created_at, updated_at)
         SELECT $1, 'p' || i || '@report.test', 'P', 'UTC', '{mon,wed,fri}', '07:30',
           (ARRAY['knee_pain', 'general', 'older_adult'])[1 + i % 3], '{}', 'active', 1 + i % 4, t, t, t
         FROM generate_series(1, 60) AS i,
           LATERAL (SELECT CASE WHEN i <= 30 THEN '2027-01-04T09:00:00Z' ELSE '2027-01-11T09:00:00Z' END::timestamptz AS t) AS at
         RETURNING id, confirmed_at, audience, (regexp_match(email, '\\d+'))[1]::int AS n
       ),
       walks AS (
         INSERT INTO check_ins (organization_id, enrollment_id, performed_at, level, report, action,
           level_after, needs_follow_up, response, created_at)
         SELECT $1, id, confirmed_at + interval '1 day' * k, 1, jsonb_build_object('painDuring', (n + k) % 6), 'carry_on', 1, false, '{}', confirmed_at
         FROM people, generate_series(1, 2) AS k WHERE n % 3 <> 0
         RETURNING 1
       )
       INSERT INTO outcome_checks (organization_id, enrollment_id, enrolled_at, audience, timepoint, week, opens_at,
         closes_at, asked_at,
         answered_at, pain, activities, counts_as_baseline, baseline_pain, psfs_sixths, psfs_change_sixths, created_at)
       SELECT $1, id, confirmed_at, audience, tp.timepoint, tp.week, confirmed_at + interval '1 week' * tp.week,
         confirmed_at + interval '1 week' * tp.week + interval '14 days',
         confirmed_at + interval '1 week' * tp.week,
         CASE WHEN tp.week = 0 OR n <= 45 THEN confirmed_at + interval '1 week' * tp.week + interval '1 day' END,
         CASE WHEN tp.week = 0 THEN 5 + n % 3 WHEN n <= 25 THEN 3 + n % 3 WHEN n <= 45 THEN 5 + n % 3 END,
         '[]', tp.week = 0,
         CASE WHEN tp.week > 0 AND n <= 45 THEN 5 + n % 3 END,
         CASE WHEN tp.week = 0 THEN 24 WHEN n <= 45 THEN 36 END,
         CASE WHEN tp.week > 0 AND n <= 45 THEN 12 END,
         confirmed_at
       FROM people, (VALUES ('baseline', 0), ('dose_end', 6)) AS tp(timepoint, week)`,
      [organizationId],
    );
    await db.end();
    await rw.advanceClock(apiKey, '2027-03-29T09:00:00Z');
    const link = await rw.request<{ url: string }>(
      'POST',
      '/v1/reports/cohort/link?from=2027-01-04&to=2027-01-17&groupBy=audience',
      { apiKey },
    );
    url = link.body.url;
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
  });

  /** Every chart's labels and values are set at the page's body size, whatever the width. */
  async function expectChartTextAtBodySize(page: Page): Promise<void> {
    const sizes = await page.$$eval('.bars .label, .bars .value', (elements) =>
      elements.map((e) => (globalThis as unknown as BrowserWindow).getComputedStyle(e).fontSize),
    );
    const body = await page.evaluate('getComputedStyle(document.body).fontSize');
    expect(sizes.length).toBeGreaterThan(10);
    expect(new Set(sizes)).toEqual(new Set([body]));
  }

  it('at a desk: the summary fits the first screen, four tiles in a row, then the sections', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    expect((await page.goto(url))?.status()).toBe(200);
    await page.screenshot({ path: `${SHOTS}/cohort-report-1280.png`, fullPage: true });
    expect(requests).toEqual([url]); // no fonts, scripts or images from anywhere
    expect(await page.locator('script, [style]').count()).toBe(0);
    const tiles = await boxesOf(page, '.tiles li');
    expect(tiles).toHaveLength(4);
    expect(new Set(tiles.map((t) => Math.round(t.top))).size).toBe(1);
    expect(Math.max(...tiles.map((t) => t.bottom))).toBeLessThan(800);
    expect(await page.locator('.tiles').textContent()).toMatch(
      /60\s*Enrolled.*Walked at least once.*Adherence.*Pain responders, week 6/s,
    );
    // 25 of the 45 compared at week 6 fell 2 points: 55.6 %.
    expect(await page.locator('.tiles li').nth(3).locator('.n').textContent()).toBe('55.6 %');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Walking',
      'Did the programme help?',
      'What the figures mean',
    ]);
    await expectChartTextAtBodySize(page);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    // Retention weeks with nothing to show yet are one line, not a row of empty bars each.
    expect(await page.getByText('too soon to tell').count()).toBe(1);
    expect(await page.getByText('Week 12: too soon').count()).toBe(1);
    await context.close();
  });

  it('on a phone: two tiles a row, body-size chart text, and only the wide tables scroll', async () => {
    const page = await phonePage(browser);
    await page.goto(url);
    await page.screenshot({ path: `${SHOTS}/cohort-report-390.png`, fullPage: true });
    const tiles = await boxesOf(page, '.tiles li');
    expect(new Set(tiles.map((t) => Math.round(t.top))).size).toBe(2);
    await expectChartTextAtBodySize(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.getByText('about fewer than 5 people').count()).toBe(1);
    await page.context().close();
  });

  it('prints to clean A4 pages: nothing wider than the paper, no link footer, no scroll boxes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    // A4 minus the 12 mm side margins is 186 mm: 703 CSS pixels.
    await page.setViewportSize({ width: 703, height: 1000 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(703);
    const overflowing = await page.$$eval(
      '.scroll',
      (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).length,
    );
    expect(overflowing).toBe(0);
    expect(await page.locator('.note.screen-only').isVisible()).toBe(false);
    expect(await page.locator('.print-only').isVisible()).toBe(true);
    const pdfPath = `${SHOTS}/cohort-report.pdf`;
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    // Where poppler is installed, the pages are kept as pictures to look at.
    if (existsSync(PDFTOPPM)) {
      await promisify(execFile)(PDFTOPPM, ['-r', '60', '-png', pdfPath, `${SHOTS}/cohort-report-print`]);
    }
    await context.close();
  });
});
