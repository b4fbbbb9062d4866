import { mkdir } from 'node:fs/promises';
import {
  CLEAN_WALK,
  enrollmentBody,
  launchChromium,
  linkIn,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';
import { type Browser, type Page } from 'playwright-core';

const SHOTS = process.env.WORKSPACE_SHOTS ?? 'var/screenshots/workspace';
const DESK = { width: 1280, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;

/**
 * The safety loop ends with a person: a coach signs in from an emailed link, finds the participant
 * who fell at the top of Needs attention, reads their story, clears them with a note, and the
 * programme resumes. In Debian's Chromium, at a desk and on a phone.
 */
describe('the coach workspace in a real browser', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Riverside Physio', 'coach@riverside.test'));
    await rw.advanceClock(apiKey, '2027-05-03T08:00:00Z'); // Monday, 09:00 in London
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await rw.close();
    await smtp.stop();
  });

  async function enrolActive(email: string, firstName: string): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email, firstName, timezone: 'Europe/London' }),
    });
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1);
    await rw.request('POST', linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    return String(created.body.id);
  }

  async function walk(id: string, report: Record<string, unknown>): Promise<string> {
    const now = await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey });
    const res = await rw.request<{ decision: { action: string } }>(
      'POST',
      `/v1/enrollments/${id}/check-ins`,
      {
        apiKey,
        body: {
          ...CLEAN_WALK,
          performedAt: new Date(Date.parse(now.body.now) - 30 * 60_000).toISOString(),
          ...report,
        },
      },
    );
    expect(res.status).toBe(201);
    return res.body.decision.action;
  }

  async function signIn(page: Page, email: string, startAt: string): Promise<void> {
    await page.goto(`${rw.baseUrl}${startAt}`);
    // Not signed in: the page asks for an address and comes back here afterwards.
    expect(new URL(page.url()).pathname).toBe('/coach/sign-in');
    await page.fill('input[name="email"]', email);
    const before = smtp.for(email, 'sign_in').length;
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    expect(await page.textContent('h1')).toBe('Check your email');
    await smtp.waitFor(() => smtp.for(email, 'sign_in').length > before);
    const link = /https?:\/\/\S+\/coach\/sign-in\/[\w-]{43}/.exec(
      smtp.for(email, 'sign_in').at(-1)!.text,
    )![0];
    await page.goto(link);
    expect(await page.textContent('h1')).toMatch(/Sign in to Riverside Physio/);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/coach/sign-in')),
      page.click('button[type="submit"]'),
    ]);
  }

  async function noSideways(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  }

  it.each([
    ['desk', DESK],
    ['phone', PHONE],
  ] as const)(
    'takes a coach from the emailed link to clearing the person who fell (%s)',
    async (where, viewport) => {
      const coachEmail = `dana.${where}@riverside.test`;
      const invited = await rw.request('POST', '/v1/members', {
        apiKey,
        body: { email: coachEmail, name: `Dana (${where})`, role: 'coach' },
      });
      expect(invited.status).toBe(201);
      await smtp.waitFor(() => smtp.for(coachEmail, 'member_invite').length === 1);

      // Someone whose knee felt worse the next morning (pain_worse), then someone who fell (safety_stop).
      const worseName = `Wendy${where === 'desk' ? 'D' : 'P'}`;
      const worse = await enrolActive(`worse.${where}@example.com`, worseName);
      expect(await walk(worse, { painDuring: 4, painType: 'aching' })).toBe('hold');
      await rw.advanceClock(
        apiKey,
        new Date(
          Date.parse((await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now) +
            24 * 3_600_000,
        ),
      );
      const followUp = smtp.for(`worse.${where}@example.com`, 'pain_follow_up').at(-1)!;
      await rw.request('POST', linkIn(followUp.text, 'follow-up-worse'));
      const faller = await enrolActive(`faller.${where}@example.com`, where === 'desk' ? 'Sam' : 'Priya');
      const fallerName = where === 'desk' ? 'Sam' : 'Priya';
      expect(
        await walk(faller, { fall: true, painDuring: 3, painType: 'aching', notes: 'Slipped on the rug' }),
      ).toBe('stop');

      const context = await browser.newContext({ viewport, deviceScaleFactor: where === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      if (where === 'phone') {
        // On a phone, the participant first taps "a professional has cleared me" in their safety email:
        // with the default policy that tells the coach, and the programme waits for them.
        await smtp.waitFor(() => smtp.for(`faller.${where}@example.com`, 'safety_stop').length === 1);
        const cleared = linkIn(smtp.for(`faller.${where}@example.com`, 'safety_stop')[0]!.text, 'cleared');
        const own = await context.newPage();
        await own.goto(cleared);
        await own.screenshot({ path: `${SHOTS}/participant-cleared-ask-${where}.png`, fullPage: true });
        await Promise.all([own.waitForLoadState('load'), own.click('button[type="submit"]')]);
        await own.screenshot({ path: `${SHOTS}/participant-cleared-told-${where}.png`, fullPage: true });
        expect(await own.textContent('h1')).toBe('Thank you, we have told your coach');
        await own.close();
      }
      await signIn(page, coachEmail, '/coach');
      expect(new URL(page.url()).pathname).toBe('/coach/attention');
      await page.screenshot({ path: `${SHOTS}/attention-${where}.png`, fullPage: true });
      await noSideways(page);

      // The person who fell is at the top, above the pain_worse item (and their own word, if given).
      const first = page.locator('ol.queue > li').first();
      if (where === 'phone') {
        expect(await page.locator('ol.queue > li').nth(1).locator('.badge').textContent()).toBe(
          'Says they are cleared',
        );
      }
      expect(await first.locator('.badge').first().textContent()).toBe('Safety stop');
      expect(await first.locator('h3').textContent()).toBe(fallerName);
      const worseItem = page.locator('ol.queue > li', { hasText: worseName });
      expect(await worseItem.locator('.badge').textContent()).toBe('Knee worse next morning');

      await Promise.all([page.waitForURL(`**/coach/participants/${faller}`), first.locator('h3 a').click()]);
      await page.screenshot({ path: `${SHOTS}/participant-stopped-${where}.png`, fullPage: true });
      await noSideways(page);
      const timeline = (await page.locator('ol.timeline').textContent()) ?? '';
      expect(timeline).toContain(`${fallerName} fell during the walk.`);
      expect(timeline).toContain('Safety stop: programme stopped, coach alerted');
      expect(timeline).toContain('Slipped on the rug');
      expect(timeline).toMatch(/Safety email: sent/);

      // Clearing without saying who cleared them is refused, with the reason next to the field.
      await page.evaluate("document.getElementById('clear-note').removeAttribute('required')");
      await page.click('section.clear-box button[type="submit"]');
      expect(await page.locator('.error-text').textContent()).toMatch(/who cleared them/);

      await page.fill('#clear-note', 'Dr Patel, physiotherapist, saw them this morning: fine to walk again.');
      await Promise.all([
        page.waitForURL(/done=cleared/),
        page.click('section.clear-box button[type="submit"]'),
      ]);
      await page.screenshot({ path: `${SHOTS}/participant-cleared-${where}.png`, fullPage: true });
      expect(await page.textContent('.flash')).toMatch(/Cleared/);
      expect(await page.locator('.badges .badge').first().textContent()).toBe('Active');
      const after = (await page.locator('ol.timeline').textContent()) ?? '';
      expect(after).toMatch(/Cleared to resume, at level 1/);
      expect(after).toContain(`Cleared by Dana (${where}).`);
      expect(after).toContain('Dr Patel, physiotherapist');

      const api = await rw.request('GET', `/v1/enrollments/${faller}`, { apiKey });
      expect(api.body).toMatchObject({ status: 'active' });
      expect(api.body.nextReminderAt).not.toBeNull();
      const items = await rw.request<{ data: { enrollmentId: string; kind: string }[] }>(
        'GET',
        '/v1/attention',
        { apiKey },
      );
      expect(items.body.data.filter((i) => i.enrollmentId === faller)).toEqual([]);

      // The participants list finds them again, and the rest of the pages hold up at this width.
      await page.goto(`${rw.baseUrl}/coach/participants?q=${fallerName.toLowerCase()}`);
      await page.screenshot({ path: `${SHOTS}/participants-${where}.png`, fullPage: true });
      await noSideways(page);
      expect(await page.locator('ul.people > li').count()).toBeGreaterThanOrEqual(1);

      // The emails of the loop, as a coach reads them on this screen.
      for (const [kind, to] of [
        ['member_invite', coachEmail],
        ['sign_in', coachEmail],
        ['coach_alert', 'coach@riverside.test'],
        ['clearance_notice', 'coach@riverside.test'],
      ] as const) {
        const mail = smtp.for(to, kind).at(-1);
        if (!mail) continue;
        await page.setContent(mail.html);
        await page.screenshot({ path: `${SHOTS}/email-${kind}-${where}.png`, fullPage: true });
        await noSideways(page);
      }
      await context.close();
    },
  );

  it('keeps the ways in, the reports and the refusals readable at a desk and on a phone', async () => {
    await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'lee@riverside.test', name: 'Lee Manager', role: 'wellness_manager' },
    });
    for (const [where, viewport] of [
      ['desk', DESK],
      ['phone', PHONE],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: where === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      const shoot = async (name: string) => {
        await page.screenshot({ path: `${SHOTS}/${name}-${where}.png`, fullPage: true });
        await noSideways(page);
      };
      await page.goto(`${rw.baseUrl}/coach/sign-in`);
      await shoot('sign-in');
      await page.fill('input[name="email"]', 'lee@riverside.test');
      await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
      await shoot('sign-in-check-email');
      await page.goto(`${rw.baseUrl}/coach/sign-in/${'x'.repeat(43)}`);
      await shoot('sign-in-link-problem');
      await smtp.waitFor(
        () => smtp.for('lee@riverside.test', 'sign_in').length >= (where === 'desk' ? 1 : 2),
      );
      const link = /https?:\/\/\S+\/coach\/sign-in\/[\w-]{43}/.exec(
        smtp.for('lee@riverside.test', 'sign_in').at(-1)!.text,
      )![0];
      await page.goto(link);
      await shoot('sign-in-button');
      await Promise.all([page.waitForURL('**/coach/reports'), page.click('button[type="submit"]')]);
      // A wellness manager lands on the reports, and sees no person.
      expect(await page.textContent('h1')).toBe('Cohort reports');
      expect(await page.locator('nav a').allTextContents()).toEqual(['Cohort reports']);
      await shoot('reports');
      const refused = await page.goto(`${rw.baseUrl}/coach/participants`);
      expect(refused?.status()).toBe(403);
      await shoot('refused');
      await Promise.all([
        page.waitForURL('**/coach/reports'),
        page.click('a:has-text("Back to the workspace")'),
      ]);
      await Promise.all([
        page.waitForURL('**/coach/sign-in?signed_out=1'),
        page.click('button:has-text("Sign out")'),
      ]);
      await shoot('signed-out');
      await context.close();
    }
  });

  it('tells the coach, where they read the address, that mail no longer reaches it', async () => {
    const email = 'gone.walker@example.com';
    const id = await enrolActive(email, 'Gwen');
    smtp.behaviour = {
      rcpt: (to) =>
        to === email ? { code: 550, message: '5.1.1 Recipient address rejected: User unknown' } : null,
    };
    // A walk that asks tomorrow's question: that email bounces and the address is suppressed.
    expect(await walk(id, { painDuring: 4, painType: 'aching' })).toBe('hold');
    const now = (await rw.request<{ now: string }>('GET', '/v1/test-clock', { apiKey })).body.now;
    await rw.advanceClock(apiKey, new Date(Date.parse(now) + 24 * 3_600_000));
    smtp.behaviour = {};
    const coachEmail = 'rob@riverside.test';
    await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: coachEmail, name: 'Rob', role: 'coach' },
    });
    for (const [where, viewport] of [
      ['desk', DESK],
      ['phone', PHONE],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: where === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      await signIn(page, coachEmail, `/coach/participants/${id}`);
      expect(new URL(page.url()).pathname).toBe(`/coach/participants/${id}`);
      expect(await page.locator('.badge.danger').allTextContents()).toEqual([
        'Emails not reaching them',
        'Not sent to',
      ]);
      expect(await page.textContent('.facts')).toContain('The address bounced');
      await page.screenshot({ path: `${SHOTS}/participant-undeliverable-${where}.png`, fullPage: true });
      await noSideways(page);
      // The list says it too, beside the address.
      await page.goto(`${rw.baseUrl}/coach/participants?q=gone.walker`);
      expect(await page.locator('.person .badge.danger').allTextContents()).toEqual([
        'Emails not reaching them',
      ]);
      await page.screenshot({ path: `${SHOTS}/participants-undeliverable-${where}.png`, fullPage: true });
      await noSideways(page);
      await context.close();
    }
  });
});
