import { AttentionRepository, EnrollmentRepository, UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, RetrowalkHarness, WorkspaceBrowser } from '@retrowalk/testing';

type Role = 'coach' | 'wellness_manager';

/**
 * Who may call each organisation route besides admin. Every /v1 route in the OpenAPI document must
 * be listed here, so a new route cannot ship without deciding (and testing) who may call it.
 */
const ROUTE_ROLES: Record<string, readonly Role[]> = {
  'GET /v1/organization': ['coach', 'wellness_manager'],
  'PATCH /v1/organization': [],
  'POST /v1/api-keys': [],
  'GET /v1/api-keys': [],
  'DELETE /v1/api-keys/{id}': [],
  'POST /v1/enrollments': ['coach', 'wellness_manager'],
  'GET /v1/enrollments': ['coach'],
  'GET /v1/enrollments/{id}': ['coach'],
  'PATCH /v1/enrollments/{id}': ['coach'],
  'POST /v1/enrollments/{id}/pause': ['coach'],
  'POST /v1/enrollments/{id}/resume': ['coach'],
  'POST /v1/enrollments/{id}/check-ins': ['coach'],
  'GET /v1/enrollments/{id}/check-ins': ['coach'],
  'GET /v1/enrollments/{id}/timeline': ['coach'],
  'POST /v1/enrollments/{id}/clearance': ['coach'],
  'GET /v1/enrollments/{id}/export': ['coach'],
  'DELETE /v1/enrollments/{id}': ['coach'],
  'GET /v1/enrollments/{id}/outcomes': ['coach'],
  'POST /v1/imports': ['coach', 'wellness_manager'],
  'GET /v1/imports/{id}': ['coach', 'wellness_manager'],
  'GET /v1/reports/cohort': ['coach', 'wellness_manager'],
  'POST /v1/reports/cohort/link': ['coach', 'wellness_manager'],
  'POST /v1/members': [],
  'GET /v1/members': [],
  'DELETE /v1/members/{id}': [],
  'GET /v1/attention': ['coach'],
  'POST /v1/attention/{id}/acknowledge': ['coach'],
  'GET /v1/suppressions': ['coach'],
  'DELETE /v1/suppressions/{email}': [],
};

/**
 * Every workspace route under /coach, with the member roles (besides admin) that may use it, or
 * `signed_out` for the ways in and the static files. Read from the router, so a new page cannot
 * ship without being listed (and walled) here.
 */
const WORKSPACE_ROUTES: Record<string, readonly Role[] | 'signed_out'> = {
  'GET /coach': ['coach', 'wellness_manager'],
  'POST /coach/sign-out': ['coach', 'wellness_manager'],
  'GET /coach/sign-in': 'signed_out',
  'POST /coach/sign-in': 'signed_out',
  'GET /coach/sign-in/:token': 'signed_out',
  'POST /coach/sign-in/:token': 'signed_out',
  'GET /coach/assets/:name': 'signed_out',
  'GET /coach/attention': ['coach'],
  'POST /coach/attention/:id/acknowledge': ['coach'],
  'GET /coach/participants': ['coach'],
  'GET /coach/participants/:id': ['coach'],
  'POST /coach/participants/:id/clear': ['coach'],
  'POST /coach/participants/:id/pause': ['coach'],
  'POST /coach/participants/:id/resume': ['coach'],
  'POST /coach/participants/:id/notes': ['coach'],
  'GET /coach/reports': ['coach', 'wellness_manager'],
  'GET /coach/reports/open': ['coach', 'wellness_manager'],
};

/** The /coach routes Fastify knows, read from its route tree. */
function workspaceRoutes(rw: RetrowalkHarness): string[] {
  const tree = rw.api.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = `${stack[depth - 1] ?? ''}${match[2] === '/' ? '' : match[2]}`;
    stack.push(path);
    if (!path.startsWith('/coach')) continue;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

/**
 * Not organisation routes. The test clock is shared by design and only mounted with
 * TEST_CLOCK=enabled. The email events routes take no API key: mail providers and MTAs call them,
 * each request authenticated by its sender's signature (deliverability.md), and an event acts only
 * inside the organisation of the message it names (email-events.int-spec.ts checks it).
 */
const NOT_ORGANISATION_ROUTES = new Set([
  'GET /v1/test-clock',
  'POST /v1/test-clock',
  'POST /v1/email-events',
  'POST /v1/email-events/dsn',
]);

async function documentedRoutes(rw: RetrowalkHarness): Promise<string[]> {
  const doc = await rw.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json');
  expect(doc.status).toBe(200);
  return Object.entries(doc.body.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
    .filter((route) => !NOT_ORGANISATION_ROUTES.has(route));
}

describe('walls between organisations, and roles within one', () => {
  let rw: RetrowalkHarness;
  let ours: { organizationId: string; admin: string; coach: string; manager: string };
  let theirs: { organizationId: string; admin: string; enrollmentId: string; apiKeyId: string };
  let ourEnrollmentId: string;
  /** Another organisation's id for each kind of thing a path names. */
  let foreignIds: Record<string, string>;

  async function key(admin: string, role: Role | 'admin'): Promise<{ id: string; key: string }> {
    const res = await rw.request<{ id: string; key: string }>('POST', '/v1/api-keys', {
      apiKey: admin,
      body: { role, label: `${role} key` },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  function pathWith(route: string, ids: Record<string, string>): [string, string] {
    const [method, template] = route.split(' ') as [string, string];
    const resource = template.split('/')[2]!;
    return [method, template.replace('{id}', ids[resource] ?? '00000000-0000-4000-8000-000000000000')];
  }

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    const a = await rw.createOrganization('Acme Wellness', 'coach@acme.test');
    await rw.advanceClock(a.apiKey, '2027-03-01T14:00:00Z');
    ours = {
      organizationId: a.organizationId,
      admin: a.apiKey,
      coach: (await key(a.apiKey, 'coach')).key,
      manager: (await key(a.apiKey, 'wellness_manager')).key,
    };
    const b = await rw.createOrganization('Other Clinic', 'coach@other.test');
    const theirEnrollment = await rw.request('POST', '/v1/enrollments', {
      apiKey: b.apiKey,
      body: enrollmentBody({ email: 'theirs@example.com' }),
    });
    theirs = {
      organizationId: b.organizationId,
      admin: b.apiKey,
      enrollmentId: String(theirEnrollment.body.id),
      apiKeyId: (await key(b.apiKey, 'coach')).id,
    };
    const ourEnrollment = await rw.request('POST', '/v1/enrollments', {
      apiKey: ours.admin,
      body: enrollmentBody({ email: 'ours@example.com' }),
    });
    ourEnrollmentId = String(ourEnrollment.body.id);
    const theirImport = await rw.request('POST', '/v1/imports', {
      apiKey: b.apiKey,
      headers: { 'content-type': 'text/csv' },
      rawBody:
        'email,firstName,timezone,audience,severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance\nimported@example.com,Imo,Europe/Paris,general,no,no,no,no,no,no\n',
    });
    expect(theirImport.status).toBe(202);
    const theirMember = await rw.request('POST', '/v1/members', {
      apiKey: b.apiKey,
      body: { email: 'their.coach@other.test', name: 'Their Coach', role: 'coach' },
    });
    expect(theirMember.status).toBe(201);
    // An item of theirs, opened as its cause would (outside any organisation's request here).
    const uow = rw.api.get(UnitOfWork);
    await uow.run((tx) =>
      rw.api
        .get(AttentionRepository)
        .open(
          tx,
          [{ organizationId: b.organizationId, enrollmentId: theirs.enrollmentId, kind: 'inactive' }],
          new Date(),
        ),
    );
    const [theirItem] = await uow.manager.query<{ id: string }[]>(
      `SELECT id FROM attention_items WHERE organization_id = $1`,
      [b.organizationId],
    );
    await rw.request('POST', '/v1/members', {
      apiKey: ours.admin,
      body: { email: 'coach.member@acme.test', name: 'Cora', role: 'coach' },
    });
    await rw.request('POST', '/v1/members', {
      apiKey: ours.admin,
      body: { email: 'manager.member@acme.test', name: 'Mo', role: 'wellness_manager' },
    });
    foreignIds = {
      enrollments: theirs.enrollmentId,
      'api-keys': theirs.apiKeyId,
      imports: String(theirImport.body.id),
      members: String(theirMember.body.id),
      attention: theirItem!.id,
    };
  });

  afterAll(async () => {
    await rw.close();
  });

  it('lists every organisation route in the role table', async () => {
    const routes = await documentedRoutes(rw);
    expect(routes.filter((route) => !(route in ROUTE_ROLES))).toEqual([]);
    expect(Object.keys(ROUTE_ROLES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it.each(['coach', 'wellness_manager'] as const)(
    'a %s key gets 403 on every route its role may not call',
    async (role) => {
      const apiKey = role === 'coach' ? ours.coach : ours.manager;
      for (const route of await documentedRoutes(rw)) {
        if (ROUTE_ROLES[route]!.includes(role)) continue;
        const [method, path] = pathWith(route, { enrollments: ourEnrollmentId });
        const res = await rw.request(method, path, { apiKey, body: method === 'GET' ? undefined : {} });
        expect({ route, status: res.status, code: (res.body.error as { code?: string })?.code }).toEqual({
          route,
          status: 403,
          code: 'forbidden',
        });
      }
    },
  );

  it('answers 404 for another organisation ids on every route that names one, whatever the role', async () => {
    const callers = { admin: ours.admin, coach: ours.coach, wellness_manager: ours.manager };
    let checked = 0;
    for (const route of await documentedRoutes(rw)) {
      if (!route.includes('{id}')) continue;
      for (const [role, apiKey] of Object.entries(callers)) {
        if (role !== 'admin' && !ROUTE_ROLES[route]!.includes(role as Role)) continue;
        const [method, path] = pathWith(route, foreignIds);
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        const res = await rw.request(method, path, { apiKey, body });
        // A body that fails validation would answer 400 before the lookup; ours are empty, so
        // routes with required fields are checked with a valid one below.
        if (res.status === 400) continue;
        expect({ route, role, status: res.status }).toEqual({ route, role, status: 404 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
    // The ones an empty body could not reach:
    const checkIn = await rw.request('POST', `/v1/enrollments/${theirs.enrollmentId}/check-ins`, {
      apiKey: ours.coach,
      body: {
        performedAt: '2027-03-01T13:00:00Z',
        ...CLEAN_WALK,
      },
    });
    expect(checkIn.status).toBe(404);
    const patch = await rw.request('PATCH', `/v1/enrollments/${theirs.enrollmentId}`, {
      apiKey: ours.coach,
      body: { timezone: 'Europe/Berlin' },
    });
    expect(patch.status).toBe(404);
    const acknowledge = await rw.request('POST', `/v1/attention/${foreignIds.attention}/acknowledge`, {
      apiKey: ours.coach,
      body: { note: 'Not ours to see' },
    });
    expect(acknowledge.status).toBe(404);
    // The suppression list names addresses, not ids: theirs is neither listed nor lifted for us.
    await rw.api
      .get(UnitOfWork)
      .asOrganization(theirs.organizationId, () =>
        rw.api
          .get(UnitOfWork)
          .manager.query(
            `INSERT INTO suppressions (organization_id, email, reason, created_at) VALUES ($1, 'gone@other.test', 'hard_bounce', now())`,
            [theirs.organizationId],
          ),
      );
    const ourList = await rw.request<{ data: unknown[] }>('GET', '/v1/suppressions', { apiKey: ours.admin });
    expect(ourList.body.data).toEqual([]);
    const lift = await rw.request('DELETE', '/v1/suppressions/gone@other.test', { apiKey: ours.admin });
    expect(lift.status).toBe(404);
    const theirList = await rw.request<{ data: unknown[] }>('GET', '/v1/suppressions', {
      apiKey: theirs.admin,
    });
    expect(theirList.body.data).toHaveLength(1);
  });

  it('lets a wellness manager enrol but answers with a receipt, never status, level or screening', async () => {
    const res = await rw.request('POST', '/v1/enrollments', {
      apiKey: ours.manager,
      body: enrollmentBody({ email: 'employee@acme.test', externalId: 'emp-1' }),
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'email', 'externalId', 'firstName', 'id']);
    const asCoach = await rw.request('GET', `/v1/enrollments/${String(res.body.id)}`, { apiKey: ours.coach });
    expect(asCoach.body).toMatchObject({ status: 'pending_confirmation', level: 1 });
  });

  it('keeps rows of other organisations out of reach even of a query that forgets its filter', async () => {
    const uow = rw.api.get(UnitOfWork);
    const enrollments = rw.api.get(EnrollmentRepository);
    const seen = await uow.asOrganization(ours.organizationId, async () => ({
      enrollments: await uow.manager.query<{ organization_id: string }[]>(
        'SELECT organization_id FROM enrollments',
      ),
      organizations: await uow.manager.query<{ id: string }[]>('SELECT id FROM organizations'),
      messages: await uow.manager.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM messages WHERE organization_id = $1',
        [theirs.organizationId],
      ),
      // The link lookup reads by id alone; inside an organisation's transaction it finds nothing.
      theirs: await enrollments.findForLink(theirs.enrollmentId),
    }));
    expect(seen.enrollments.length).toBeGreaterThan(0);
    expect(new Set(seen.enrollments.map((r) => r.organization_id))).toEqual(new Set([ours.organizationId]));
    expect(seen.organizations).toEqual([{ id: ours.organizationId }]);
    expect(seen.messages).toEqual([{ n: '0' }]);
    expect(seen.theirs).toBeNull();

    // Their items and members are as far out of reach as their enrolments.
    const hidden = await uow.asOrganization(ours.organizationId, async () => ({
      items: await uow.manager.query<unknown[]>('SELECT id FROM attention_items WHERE organization_id = $1', [
        theirs.organizationId,
      ]),
      members: await uow.manager.query<unknown[]>('SELECT id FROM members WHERE organization_id = $1', [
        theirs.organizationId,
      ]),
    }));
    expect(hidden).toEqual({ items: [], members: [] });

    // The search function runs as the owner (so the trigram index works under row-level
    // security), inside the same wall: a request searching with another organisation's id still
    // searches only its own.
    const searched = await uow.asOrganization(ours.organizationId, () =>
      uow.manager.query<{ id: string }[]>(`SELECT id FROM enrollment_search_hits('%theirs%', $1)`, [
        theirs.organizationId,
      ]),
    );
    expect(searched).toEqual([]);
    const outside = await uow.manager.query<{ id: string }[]>(
      `SELECT id FROM enrollment_search_hits('%theirs%', $1)`,
      [theirs.organizationId],
    );
    expect(outside.map((r) => r.id)).toEqual([theirs.enrollmentId]);

    // Writing a row for another organisation is refused by the policy as well.
    await expect(
      uow.asOrganization(ours.organizationId, () =>
        uow.manager.query(`UPDATE enrollments SET first_name = 'x' WHERE id = $1 RETURNING id`, [
          theirs.enrollmentId,
        ]),
      ),
    ).resolves.toEqual([[], 0]);
    await expect(
      uow.asOrganization(ours.organizationId, () =>
        uow.manager.query(
          `INSERT INTO messages (organization_id, enrollment_id, kind, dedupe_key, due_at, attempt_at, status)
           VALUES ($1, $2, 'reminder', 'smuggled', now(), now(), 'pending')`,
          [theirs.organizationId, theirs.enrollmentId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);

    // Outside any organisation (the dispatcher, signed links) everything is visible, as designed.
    expect(await enrollments.findForLink(theirs.enrollmentId)).not.toBeNull();
  });

  it('lists every workspace route in the page table', () => {
    const routes = workspaceRoutes(rw);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !(route in WORKSPACE_ROUTES))).toEqual([]);
    expect(Object.keys(WORKSPACE_ROUTES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  function pagePath(route: string, ids: { enrollment: string; item: string }): [string, string] {
    const [method, template] = route.split(' ') as [string, string];
    const id = template.startsWith('/coach/attention') ? ids.item : ids.enrollment;
    return [
      method,
      template.replace(':id', id).replace(':token', 'x'.repeat(43)).replace(':name', 'workspace.css'),
    ];
  }

  it('sends someone signed out to sign in, and back to the page afterwards', async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.get('/coach/sign-in');
    for (const [route, roles] of Object.entries(WORKSPACE_ROUTES)) {
      if (roles === 'signed_out') continue;
      const [method, path] = pagePath(route, { enrollment: ourEnrollmentId, item: foreignIds.attention! });
      const res = method === 'GET' ? await browser.get(path) : await browser.post(path);
      if (method === 'GET') {
        expect({ route, status: res.status, location: res.location }).toEqual({
          route,
          status: 303,
          // The front door itself needs no way back: signing in lands there anyway.
          location: path === '/coach' ? '/coach/sign-in' : `/coach/sign-in?next=${encodeURIComponent(path)}`,
        });
      } else {
        expect({ route, status: res.status }).toEqual({ route, status: 401 });
      }
    }
  });

  it('shows a wellness manager the reports and nothing about one person: 403 on every other page', async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.signIn('manager.member@acme.test');
    await browser.get('/coach/reports');
    let refused = 0;
    for (const [route, roles] of Object.entries(WORKSPACE_ROUTES)) {
      if (roles === 'signed_out' || roles.includes('wellness_manager')) continue;
      const [method, path] = pagePath(route, { enrollment: ourEnrollmentId, item: foreignIds.attention! });
      const res =
        method === 'GET' ? await browser.get(path) : await browser.post(path, { note: 'x', text: 'x' });
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect(res.text).not.toContain('ours@example.com');
      refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(8);
    expect((await browser.get('/coach')).location).toBe('/coach/reports');
  });

  it("answers 404 on every workspace page that names another organisation's participant or item", async () => {
    const browser = new WorkspaceBrowser(rw);
    await browser.signIn('coach.member@acme.test');
    await browser.get('/coach/attention');
    let checked = 0;
    for (const [route, roles] of Object.entries(WORKSPACE_ROUTES)) {
      if (roles === 'signed_out' || !route.includes(':id')) continue;
      const [method, path] = pagePath(route, {
        enrollment: theirs.enrollmentId,
        item: foreignIds.attention!,
      });
      const res =
        method === 'GET'
          ? await browser.get(path)
          : await browser.post(path, { note: 'Cleared by Dr X today', text: 'A note' });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      checked++;
    }
    expect(checked).toBe(6);
    // Their people never show in our lists or searches either.
    const list = await browser.get('/coach/participants?q=theirs');
    expect(list.text).not.toContain('theirs@example.com');
    const api = await rw.request<{ data: unknown[] }>('GET', '/v1/enrollments?q=theirs', {
      apiKey: ours.coach,
    });
    expect(api.body.data).toEqual([]);
  });
});
