import { type Clock, LinkService } from '@retrowalk/application';
import { loadConfig } from '@retrowalk/config';
import { enrollmentBody, RetrowalkHarness } from '@retrowalk/testing';

const PREVIOUS = 'previous-link-secret-rotated-out-last-month';
const CURRENT = 'current-link-secret-rotated-in-this-morning';

/** A LinkService as another deployment would have it: only the secrets given, the real time. */
function linksSignedWith(secret: string): LinkService {
  const clock = { now: () => new Date(), refresh: async () => undefined } as Clock;
  return new LinkService(loadConfig({ LINK_SECRET: secret }), clock);
}

describe('rotating LINK_SECRET with LINK_SECRET_PREVIOUS', () => {
  let rw: RetrowalkHarness;
  let apiKey: string;
  let enrollmentId: string;

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({
      worker: false,
      env: { TEST_CLOCK: 'disabled', LINK_SECRET: CURRENT, LINK_SECRET_PREVIOUS: PREVIOUS },
    });
    ({ apiKey } = await rw.createOrganization('Rotating Physio'));
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    enrollmentId = String(created.body.id);
  });

  afterAll(() => rw.close());

  it('signs new links with LINK_SECRET alone', () => {
    const token = rw.api.get(LinkService).token('pause', enrollmentId);
    expect(linksSignedWith(CURRENT).verify('pause', token)).toBe(enrollmentId);
    expect(() => linksSignedWith(PREVIOUS).verify('pause', token)).toThrow('This link is not valid.');
  });

  it('keeps a link from an email signed with the previous secret working, GET and POST', async () => {
    const old = linksSignedWith(PREVIOUS).token('unsubscribe', enrollmentId);
    const page = await rw.request('GET', `/p/unsubscribe/${old}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/unsubscribe/i);
    const done = await rw.request('POST', `/p/unsubscribe/${old}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    const view = await rw.request('GET', `/v1/enrollments/${enrollmentId}`, { apiKey });
    expect(view.body.status).toBe('unsubscribed');
  });

  it('refuses a link signed with neither secret, changing nothing', async () => {
    const other = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    const id = String(other.body.id);
    const forged = linksSignedWith('some-other-deployments-link-secret-entirely').token('pause', id);
    const page = await rw.request('POST', `/p/pause/${forged}`);
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/This link doesn/);
    const view = await rw.request('GET', `/v1/enrollments/${id}`, { apiKey });
    expect(view.body.status).toBe('pending_confirmation');
  });

  it('keeps a report link signed with the previous secret working too', async () => {
    const { url } = linksSignedWith(PREVIOUS).reportLink({
      organizationId: (await rw.request('GET', '/v1/organization', { apiKey })).body.id as string,
      from: '2027-01-04',
      to: '2027-01-31',
      groupBy: 'week',
    });
    const page = await rw.request('GET', `/r/${url.split('/r/')[1]}`);
    expect(page.status).toBe(200);
  });
});
