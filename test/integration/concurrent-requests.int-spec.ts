import { LinkService } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';

const AT_ONCE = 8;

/**
 * The same change sent many times at once (a double-tapped button, a client retrying on a slow
 * network, two coaches on one participant): each request answers as it would have alone, never a
 * 5xx, and the data holds the change once. Real api, worker, Postgres and SMTP sink.
 */
describe('the same change sent many times at once', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  const at = new Date('2027-03-08T12:00:00Z');

  const sql = <T>(query: string, params: unknown[]) => rw.api.get(UnitOfWork).manager.query<T>(query, params);
  const links = () => rw.api.get(LinkService);
  const atOnce = (send: (i: number) => Promise<{ status: number }>) =>
    Promise.all(Array.from({ length: AT_ONCE }, (_, i) => send(i))).then((all) => all.map((r) => r.status));
  const count = (statuses: number[]) =>
    Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, statuses.filter((x) => x === s).length]));

  async function enrolConfirmed(email: string): Promise<string> {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email }) });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await rw.request('POST', links().url('confirm', id))).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Busy Physio'));
    await rw.advanceClock(apiKey, at);
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  it('enrolment of one email: one 201, the rest 409, one row', async () => {
    const statuses = await atOnce(() =>
      rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody({ email: 'twice@example.com' }) }),
    );
    expect(count(statuses)).toEqual({ 201: 1, 409: AT_ONCE - 1 });
    expect(await sql(`SELECT 1 FROM enrollments WHERE email = 'twice@example.com'`, [])).toHaveLength(1);
  });

  it('one walk with one Idempotency-Key: every answer is the same check-in, stored once', async () => {
    const id = await enrolConfirmed('retry@example.com');
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
          apiKey,
          headers: { 'idempotency-key': 'walk-1' },
          body: { ...CLEAN_WALK, performedAt: at.toISOString() },
        }),
      ),
    );
    expect(answers.every((a) => a.status < 300)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await sql(`SELECT 1 FROM check_ins WHERE enrollment_id = $1`, [id])).toHaveLength(1);
  });

  it('walks of one participant logged together: each recorded, in turn', async () => {
    const id = await enrolConfirmed('together@example.com');
    const statuses = await atOnce((i) =>
      rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
        apiKey,
        body: { ...CLEAN_WALK, performedAt: new Date(at.getTime() - i * 60_000).toISOString() },
      }),
    );
    expect(count(statuses)).toEqual({ 201: AT_ONCE });
    expect(await sql(`SELECT 1 FROM check_ins WHERE enrollment_id = $1`, [id])).toHaveLength(AT_ONCE);
  });

  it('pause and resume pressed over and over: each answers 200 or 409, and the last word holds', async () => {
    const id = await enrolConfirmed('toggle@example.com');
    const statuses = await atOnce((i) =>
      rw.request('POST', `/v1/enrollments/${id}/${i % 2 === 0 ? 'pause' : 'resume'}`, { apiKey }),
    );
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const [row] = await sql<{ status: string }[]>(`SELECT status FROM enrollments WHERE id = $1`, [id]);
    expect(['active', 'paused']).toContain(row!.status);
  });

  it('a safety stop cleared by two coaches at once: cleared once', async () => {
    const id = await enrolConfirmed('stopped@example.com');
    const fell = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
      apiKey,
      body: { ...CLEAN_WALK, performedAt: at.toISOString(), fall: true },
    });
    expect(fell.status).toBe(201);
    const statuses = await atOnce(() => rw.request('POST', `/v1/enrollments/${id}/clearance`, { apiKey }));
    expect(count(statuses)).toEqual({ 201: 1, 409: AT_ONCE - 1 });
  });

  it('one member invited many times: one 201, the rest 409', async () => {
    const statuses = await atOnce(() =>
      rw.request('POST', '/v1/members', {
        apiKey,
        body: { email: 'new.coach@example.com', name: 'New Coach', role: 'coach' },
      }),
    );
    expect(count(statuses)).toEqual({ 201: 1, 409: AT_ONCE - 1 });
  });

  it('organisation settings changed from several tabs: every change answers 200', async () => {
    const statuses = await atOnce((i) =>
      rw.request('PATCH', '/v1/organization', { apiKey, body: { displayName: `Busy Physio ${i}` } }),
    );
    expect(count(statuses)).toEqual({ 200: AT_ONCE });
  });

  it('the confirm link and the unsubscribe link followed many times: none fails, and the last state holds', async () => {
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey,
      body: enrollmentBody({ email: 'tapper@example.com' }),
    });
    const id = String(created.body.id);
    const confirms = await atOnce(() => rw.request('POST', links().url('confirm', id)));
    expect(confirms.every((s) => s === 200)).toBe(true);
    const leaves = await atOnce(() => rw.request('POST', links().url('unsubscribe', id)));
    expect(leaves.every((s) => s === 200)).toBe(true);
    const [row] = await sql<{ status: string }[]>(`SELECT status FROM enrollments WHERE id = $1`, [id]);
    expect(row!.status).toBe('unsubscribed');
  });

  it('a participant erasing their data from two tabs: erased once, neither tab fails', async () => {
    const id = await enrolConfirmed('leaving@example.com');
    const token = links().token('data', id);
    const statuses = await atOnce(() =>
      rw.request('POST', `/p/data/${token}/erase`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: 'confirm=yes',
      }),
    );
    // One erases; the others find the link gone (the page says so), as a second click later would.
    expect(count(statuses)).toEqual({ 200: 1, 410: AT_ONCE - 1 });
    const [row] = await sql<{ status: string }[]>(`SELECT status FROM enrollments WHERE id = $1`, [id]);
    expect(row!.status).toBe('erased');
  });
});
