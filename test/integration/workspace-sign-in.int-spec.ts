import { SIGN_IN_REQUEST_FLOOR_MS } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { RetrowalkHarness, SmtpSink, WorkspaceBrowser } from '@retrowalk/testing';

const LINK = /https?:\/\/\S+\/coach\/sign-in\/([\w-]{43})/;

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Members and their way in: invitations through the schedule, one-time sign-in links (15
 * minutes, single use, safe from mail scanners, never saying who is a member), sessions (HttpOnly
 * cookie, revocable, 12 hours idle) and the CSRF token every POST must carry.
 */
describe('workspace members, sign-in links and sessions', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let admin: string;
  let uow: UnitOfWork;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey: admin } = await rw.createOrganization('Harbour Physio', 'desk@harbour.test'));
    await rw.advanceClock(admin, '2027-06-07T09:00:00Z');
    uow = rw.api.get(UnitOfWork);
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  async function invite(email: string, role = 'coach'): Promise<string> {
    const res = await rw.request('POST', '/v1/members', {
      apiKey: admin,
      body: { email, name: 'Dana Okafor', role },
    });
    expect(res.status).toBe(201);
    return String(res.body.id);
  }

  async function linkFromEmail(
    email: string,
    kind: 'sign_in' | 'member_invite',
    count: number,
  ): Promise<string> {
    await smtp.waitFor(() => smtp.for(email, kind).length >= count);
    return LINK.exec(smtp.for(email, kind)[count - 1]!.text)![1]!;
  }

  it('invites a member with an email through the schedule, holding a link under /coach/', async () => {
    const id = await invite('dana@harbour.test');
    await smtp.waitFor(() => smtp.for('dana@harbour.test', 'member_invite').length === 1);
    const email = smtp.for('dana@harbour.test', 'member_invite')[0]!;
    expect(email.header('X-Retrowalk-Message')).toBe('member_invite');
    expect(email.text).toMatch(/\/coach\/sign-in\/[\w-]{43}/);
    expect(email.text).not.toMatch(/unsubscribe/i);
    const invitation = () =>
      uow.manager.query<{ enrollment_id: string | null; member_id: string; status: string }[]>(
        `SELECT enrollment_id, member_id, status FROM messages WHERE kind = 'member_invite'`,
      );
    await waitUntil(async () => (await invitation())[0]?.status === 'sent');
    expect(await invitation()).toEqual([{ enrollment_id: null, member_id: id, status: 'sent' }]);

    const again = await rw.request('POST', '/v1/members', {
      apiKey: admin,
      body: { email: 'DANA@harbour.test', name: 'Dana', role: 'coach' },
    });
    expect(again.status).toBe(409);
    const bad = await rw.request('POST', '/v1/members', {
      apiKey: admin,
      body: { email: 'not an address', name: '', role: 'owner' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { details: { field: string }[] }).details.map((d) => d.field).sort()).toEqual([
      'email',
      'name',
      'role',
    ]);
  });

  it('keeps a message for exactly one recipient: a participant or a member', async () => {
    await expect(
      uow.manager.query(
        `INSERT INTO messages (organization_id, kind, dedupe_key, due_at, attempt_at, status, created_at)
         SELECT organization_id, 'sign_in', 'neither', now(), now(), 'pending', now() FROM members LIMIT 1`,
      ),
    ).rejects.toThrow(/messages_one_recipient/);
  });

  it('lists members a page at a time, and refuses a cursor that is not one of its own', async () => {
    await invite('lee@harbour.test', 'wellness_manager');
    const first = await rw.request<{ data: { email: string }[]; nextCursor: string }>(
      'GET',
      '/v1/members?limit=1',
      {
        apiKey: admin,
      },
    );
    expect(first.body.data).toHaveLength(1);
    const second = await rw.request<{ data: { email: string }[]; nextCursor: string | null }>(
      'GET',
      `/v1/members?limit=1&cursor=${first.body.nextCursor}`,
      { apiKey: admin },
    );
    // Oldest first (the same instant on the test clock: then by id), each once.
    expect([...first.body.data, ...second.body.data].map((m) => m.email).sort()).toEqual([
      'dana@harbour.test',
      'lee@harbour.test',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const broken = await rw.request('GET', '/v1/members?cursor=not-a-cursor', { apiKey: admin });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ details: [{ field: 'cursor' }] });
  });

  it('signs in from the emailed link: GET only shows a button, POST signs in, once', async () => {
    const browser = new WorkspaceBrowser(rw);
    const start = await browser.get('/coach/participants');
    expect(start).toMatchObject({ status: 303, location: '/coach/sign-in?next=%2Fcoach%2Fparticipants' });
    const form = await browser.get('/coach/sign-in?next=%2Fcoach%2Fparticipants');
    expect(form.status).toBe(200);
    const sent = await browser.post('/coach/sign-in', {
      email: 'Dana@Harbour.test',
      next: '/coach/participants',
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Check your email');
    const token = await linkFromEmail('dana@harbour.test', 'sign_in', 1);
    const email = smtp.for('dana@harbour.test', 'sign_in')[0]!;
    expect(email.text).toMatch(/works once, for 15 minutes/);

    // Nothing stored holds the token itself.
    const dump = await uow.manager.query<{ row: string }[]>(
      `SELECT row_to_json(l)::text AS row FROM sign_in_links l UNION ALL SELECT row_to_json(m)::text FROM messages m`,
    );
    expect(dump.some((r) => r.row.includes(token))).toBe(false);

    // A mail scanner fetching the link (twice) signs no one in and uses nothing up.
    const scanner = new WorkspaceBrowser(rw);
    for (let i = 0; i < 2; i++) {
      const peek = await scanner.get(`/coach/sign-in/${token}`);
      expect(peek.status).toBe(200);
      expect(peek.text).toMatch(/<button type="submit" class="button wide">Sign in<\/button>/);
      expect(scanner.cookie('rw_session')).toBeUndefined();
    }

    await browser.get(`/coach/sign-in/${token}`);
    const signedIn = await browser.post(`/coach/sign-in/${token}`);
    expect(signedIn).toMatchObject({ status: 303, location: '/coach/participants' });
    const cookie = signedIn.setCookies.find((c) => c.startsWith('rw_session='))!;
    expect(cookie).toMatch(/; Path=\/coach; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Secure/); // the test server is http; https adds Secure
    expect((await browser.get('/coach/participants')).status).toBe(200);

    // The same link again, from any browser: used.
    const reuse = new WorkspaceBrowser(rw);
    expect((await reuse.get(`/coach/sign-in/${token}`)).status).toBe(410);
    await reuse.get('/coach/sign-in');
    const second = await reuse.post(`/coach/sign-in/${token}`);
    expect(second.status).toBe(410);
    expect(second.text).toContain('already used');
    expect(reuse.cookie('rw_session')).toBeUndefined();
  });

  it('never says, by its words or its time, whether an address is a member', async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.get('/coach/sign-in');
    const timed = async (email: string) => {
      const started = Date.now();
      const page = await browser.post('/coach/sign-in', { email });
      return { status: page.status, text: page.text, ms: Date.now() - started };
    };
    const member = await timed('lee@harbour.test');
    const stranger = await timed('nobody@elsewhere.test');
    expect(stranger.status).toBe(member.status);
    expect(stranger.text).toBe(member.text);
    expect(member.ms).toBeGreaterThanOrEqual(SIGN_IN_REQUEST_FLOOR_MS - 5);
    expect(stranger.ms).toBeGreaterThanOrEqual(SIGN_IN_REQUEST_FLOOR_MS - 5);
    expect(Math.abs(member.ms - stranger.ms)).toBeLessThan(150);
    await smtp.waitFor(() => smtp.for('lee@harbour.test', 'sign_in').length === 1);
    expect(smtp.received.some((m) => m.to === 'nobody@elsewhere.test')).toBe(false);
  });

  it('lets a link work for 15 minutes only, and never sends one that ran out before its email could go', async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.get('/coach/sign-in');
    await browser.post('/coach/sign-in', { email: 'dana@harbour.test' });
    const token = await linkFromEmail('dana@harbour.test', 'sign_in', 2);
    await rw.advanceClock(admin, '2027-06-07T09:16:00Z');
    const late = new WorkspaceBrowser(rw);
    expect((await late.get(`/coach/sign-in/${token}`)).status).toBe(410);
    await late.get('/coach/sign-in');
    const used = await late.post(`/coach/sign-in/${token}`);
    expect(used.status).toBe(410);
    expect(used.text).toContain('run out');

    // With the worker stopped, a requested link waits in the schedule past its 15 minutes.
    await rw.stopWorker();
    await browser.post('/coach/sign-in', { email: 'dana@harbour.test' });
    // Time passes while nothing can send (the test clock moved by hand: its own walk would wait).
    await uow.manager.query(`UPDATE test_clock SET now = '2027-06-07T09:40:00Z'`);
    await rw.startWorker();
    const last = () =>
      uow.manager.query<{ status: string; finished_reason: string | null }[]>(
        `SELECT status, finished_reason FROM messages WHERE kind = 'sign_in' ORDER BY created_at DESC LIMIT 1`,
      );
    await waitUntil(async () => (await last())[0]?.status === 'expired');
    expect((await last())[0]).toEqual({ status: 'expired', finished_reason: 'expired' });
    expect(smtp.for('dana@harbour.test', 'sign_in')).toHaveLength(2);
  });

  it('refuses every POST without the CSRF token of this browser and session, changing nothing', async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.get('/coach/sign-in');
    expect(
      (await browser.post('/coach/sign-in', { email: 'dana@harbour.test' }, { csrf: false })).status,
    ).toBe(403);
    expect(
      (await browser.post('/coach/sign-in', { email: 'dana@harbour.test', _csrf: 'x'.repeat(43) })).status,
    ).toBe(403);
    const another = new WorkspaceBrowser(rw);
    await another.get('/coach/sign-in');
    // Another browser's token is no good in this one.
    expect(
      (await browser.post('/coach/sign-in', { email: 'dana@harbour.test', _csrf: another.csrf })).status,
    ).toBe(403);

    await browser.signIn('dana@harbour.test');
    await browser.get('/coach/attention');
    // The signed-out token no longer works once signed in: tokens are per session.
    const signedOutToken = another.csrf;
    const out = await browser.post('/coach/sign-out', { _csrf: signedOutToken });
    expect(out.status).toBe(403);
    expect(out.text).toContain('This form is out of date');
    expect((await browser.get('/coach/attention')).status).toBe(200);
  });

  it('ends sessions by signing out, by removing the member, and after 12 hours idle', async () => {
    const a = new WorkspaceBrowser(rw);
    await a.signIn('dana@harbour.test');
    await a.get('/coach/attention');
    const out = await a.post('/coach/sign-out');
    expect(out).toMatchObject({ status: 303, location: '/coach/sign-in?signed_out=1' });
    expect(a.cookie('rw_session')).toBeUndefined();

    // A stolen copy of a signed-out cookie is worth nothing.
    const b = new WorkspaceBrowser(rw);
    await b.signIn('dana@harbour.test');
    const copy = b.cookie('rw_session')!;
    await b.get('/coach/attention');
    await b.post('/coach/sign-out');
    const thief = new WorkspaceBrowser(rw);
    (thief as unknown as { cookies: Map<string, string> }).cookies.set('rw_session', copy);
    expect((await thief.get('/coach/attention')).status).toBe(303);

    // Idle for 12 hours: over. Seen within them: still on.
    const c = new WorkspaceBrowser(rw);
    await c.signIn('dana@harbour.test');
    await rw.advanceClock(admin, '2027-06-07T21:00:00Z');
    expect((await c.get('/coach/attention')).status).toBe(200);
    await rw.advanceClock(admin, '2027-06-08T09:01:30Z');
    expect((await c.get('/coach/attention')).status).toBe(303);

    // Removing the member ends every session of theirs at once.
    const d = new WorkspaceBrowser(rw);
    await d.signIn('lee@harbour.test');
    expect((await d.get('/coach/reports')).status).toBe(200);
    const members = await rw.request<{ data: { id: string; email: string }[] }>('GET', '/v1/members', {
      apiKey: admin,
    });
    const lee = members.body.data.find((m) => m.email === 'lee@harbour.test')!;
    expect((await rw.request('DELETE', `/v1/members/${lee.id}`, { apiKey: admin })).status).toBe(204);
    expect((await d.get('/coach/reports')).status).toBe(303);
    // And a removed member gets no more links.
    const links = () =>
      uow.manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM sign_in_links WHERE member_id = $1`,
        [lee.id],
      );
    const before = (await links())[0]!.n;
    await d.get('/coach/sign-in');
    await d.post('/coach/sign-in', { email: 'lee@harbour.test' });
    expect((await links())[0]!.n).toBe(before);
  });
});
