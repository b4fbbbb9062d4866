import { mkdir } from 'node:fs/promises';
import {
  enrollmentBody,
  linkIn,
  launchChromium,
  phonePage,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';
import { type Browser } from 'playwright-core';

// Debian's Chromium (installed by .ci/run); its background networking is off because this
// machine's network is closed.
const SHOTS = 'var/screenshots';

/** The reminder's check-in link with the day it carries (`?day=`), which linkIn leaves off. */
function checkInLinkWithDay(text: string): string {
  const match = /https?:\/\/[^\s>)"]+\/p\/check-in\/[\w.-]+\?day=\d{4}-\d{2}-\d{2}/.exec(text);
  if (!match) throw new Error(`No check-in link with a day in:\n${text}`);
  return match[0];
}

/** The "log today's walk" page, used as a participant would: in a real browser at phone width. */
describe('check-in page in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio'));
    await rw.advanceClock(apiKey, '2027-05-03T06:00:00Z'); // Monday, 07:00 in London
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  async function reminderCheckInLink(email: string): Promise<{ id: string; url: string }> {
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
    const id = String(created.body.id);
    const next = await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    await rw.advanceClock(apiKey, String(next.body.nextReminderAt));
    const reminder = smtp.for(email, 'reminder').at(-1)!;
    return { id, url: checkInLinkWithDay(reminder.text) };
  }

  const bodyText = async (page: import('playwright-core').Page) =>
    (await page.textContent('body'))!.replace(/\s+/g, ' ');
  const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'gi'))?.length ?? 0;

  it('records a walk from the reminder link and shows the decision', async () => {
    const { id, url } = await reminderCheckInLink('browser.walker@example.com');
    const page = await phonePage(browser);
    await page.goto(url);
    await page.screenshot({ path: `${SHOTS}/check-in-form.png`, fullPage: true });
    expect(await page.textContent('h1')).toContain('How did your walk go');
    // No horizontal scrolling on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    await page.fill('input[name="durationMinutes"]', '6');
    await page.click('label:has(input[name="painDuring"][value="2"])');
    await page.click('label:has(input[name="painType"][value="muscle_effort"])');
    await Promise.all([page.waitForURL(url.replace(/\?.*/, '')), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/check-in-done.png`, fullPage: true });
    expect(await page.textContent('h1')).toMatch(/walk logged/i);

    const checkIns = await rw.request<{ items: { report: Record<string, unknown> }[] }>(
      'GET',
      `/v1/enrollments/${id}/check-ins`,
      { apiKey },
    );
    expect(checkIns.body.items).toHaveLength(1);
    expect(checkIns.body.items[0]!.report).toMatchObject({
      durationMinutes: 6,
      painDuring: 2,
      painType: 'muscle_effort',
    });
    await page.context().close();
  });

  it('shows the safety advice right there when a fall is reported', async () => {
    const email = 'browser.faller@example.com';
    const { id, url } = await reminderCheckInLink(email);
    const page = await phonePage(browser);
    await page.goto(url);
    await page.click('label:has(input[name="painDuring"][value="1"])');
    await page.click('label:has(input[name="painType"][value="none"])');
    await page.click('label:has(input[name="fall"])');
    await Promise.all([page.waitForURL(url.replace(/\?.*/, '')), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/check-in-stop.png`, fullPage: true });
    expect(await page.textContent('h1')).toMatch(/stop/i);
    // Each thing once: what they told us, the pause and the coach, what to do, when to get help.
    const text = await bodyText(page);
    expect(text).toContain(
      'You told us you fell. That means your knee should be checked by a doctor or physiotherapist',
    );
    for (const once of [/you fell/, /paused/, /coach has been told/, /urgent medical help/]) {
      expect(count(text, once)).toBe(1);
    }
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Get urgent medical help if',
      'What to do now',
    ]);
    expect((await rw.request('GET', `/v1/enrollments/${id}`, { apiKey })).body.status).toBe(
      'needs_clearance',
    );
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1);
    const safety = smtp.for(email, 'safety_stop')[0]!.text;
    expect(safety).toContain('You told us you fell. That means');
    for (const once of [/you fell/g, /paused/g, /coach has been told/g, /urgent medical help/gi]) {
      expect(safety.match(once)).toHaveLength(1);
    }
    await page.context().close();
  });

  it("asks which day, offers an older reminder's day, and marks a day already logged", async () => {
    const email = 'browser.monday@example.com';
    const { id, url } = await reminderCheckInLink(email); // a Monday's reminder (the clock moves on)
    const monday = /\?day=(\d{4}-\d{2}-\d{2})$/.exec(url)![1]!;
    const day = (offset: number) => new Date(Date.parse(`${monday}T12:00:00Z`) + offset * 86_400_000);
    const iso = (offset: number) => day(offset).toISOString().slice(0, 10);
    const spoken = (offset: number) =>
      day(offset).toLocaleDateString('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      });
    expect(day(0).getUTCDay()).toBe(1);
    await rw.advanceClock(apiKey, `${iso(2)}T18:00:00Z`); // Wednesday evening
    const page = await phonePage(browser);
    await page.goto(url);
    const days = await page.$$eval('input[name="day"]', (inputs) =>
      inputs.map(
        (i) =>
          `${(i as unknown as { value: string }).value}${(i as unknown as { checked: boolean }).checked ? '*' : ''}`,
      ),
    );
    expect(days).toEqual([iso(2), iso(1), `${iso(0)}*`]);
    expect(await bodyText(page)).toContain(`${spoken(0).replace(',', '')}, the day of your reminder`);
    expect(await bodyText(page)).not.toContain('already logged');
    // Level 1 asks to hold on: that is the plan, asked apart from what went wrong, and ticked.
    expect(await page.isChecked('input[name="usedSupport"]')).toBe(true);
    expect(await page.textContent('fieldset:has(legend:text("Did any of these happen?"))')).not.toMatch(
      /held on|support/i,
    );
    await page.click('label:has(input[name="painDuring"][value="1"])');
    await page.click('label:has(input[name="painType"][value="none"])');
    await Promise.all([page.waitForURL(url.replace(/\?.*/, '')), page.click('button[type="submit"]')]);
    expect(await page.textContent('h1')).toMatch(/walk logged/i);

    const checkIns = await rw.request<{ items: { performedAt: string; report: Record<string, unknown> }[] }>(
      'GET',
      `/v1/enrollments/${id}/check-ins`,
      { apiKey },
    );
    // Monday at the reminder time, 07:30 in London (BST).
    expect(checkIns.body.items.map((c) => c.performedAt)).toEqual([`${iso(0)}T06:30:00.000Z`]);
    expect(checkIns.body.items[0]!.report).toMatchObject({ usedSupport: true });

    await page.goto(url);
    await page.screenshot({ path: `${SHOTS}/check-in-form-already-logged.png`, fullPage: true });
    expect(await page.textContent(`label:has(input[value="${iso(0)}"])`)).toMatch(/already logged/);
    expect(await page.textContent(`label:has(input[value="${iso(2)}"])`)).not.toMatch(/already logged/);
    await page.context().close();
  });

  it('after pain 5, says the practical advice once, then "worse" asks about the warning signs', async () => {
    const email = 'browser.sore@example.com';
    const { url } = await reminderCheckInLink(email);
    const page = await phonePage(browser);
    await page.goto(url);
    await page.click('label:has(input[name="painDuring"][value="5"])');
    await page.click('label:has(input[name="painType"][value="aching"])');
    await Promise.all([page.waitForURL(url.replace(/\?.*/, '')), page.click('button[type="submit"]')]);
    await page.screenshot({ path: `${SHOTS}/check-in-hold.png`, fullPage: true });
    const text = await bodyText(page);
    expect(text).toContain('Your knee hurt 5 out of 10 during the walk.');
    for (const once of [
      /tomorrow morning/,
      /rest today/,
      /watch for swelling/,
      /stop and tell us/,
      /5 out of 10/,
    ]) {
      expect(count(text, once)).toBe(1);
    }

    // The next morning's question (07:00 in London, the end of quiet hours).
    const now = Date.parse((await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now);
    await rw.advanceClock(apiKey, new Date(now + 86_400_000));
    await smtp.waitFor(() => smtp.for(email, 'pain_follow_up').length === 1);
    await page.goto(linkIn(smtp.for(email, 'pain_follow_up')[0]!.text, 'follow-up-worse'));
    await page.screenshot({ path: `${SHOTS}/follow-up-worse.png`, fullPage: true });
    expect(await page.textContent('h1')).toBe('Your knee is worse: one more question');
    expect(await page.locator('button').allTextContents()).toEqual([
      'Yes: swollen, sharp pain or it gave way',
      'No, none of these',
    ]);
    await Promise.all([page.waitForNavigation(), page.click('button:text("No, none of these")')]);
    expect(await bodyText(page)).toMatch(/rest for 1 day/);
    await page.context().close();
  });
});
