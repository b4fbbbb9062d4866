import { createHmac, randomUUID } from 'node:crypto';
import { LINK_PURPOSES, type LinkPurpose, LinkService } from '@retrowalk/application';
import {
  AppProcess,
  authorizations,
  CLEAN_WALK,
  enrollmentBody,
  extraHeaders,
  freePort,
  hostileBody,
  hostilePathValues,
  methods,
  nestRoutes,
  type RawResponse,
  RetrowalkHarness,
  type Sample,
  sendRaw,
  WorkspaceBrowser,
} from '@retrowalk/testing';
import fc from 'fast-check';

/**
 * Runs per route and the seed. CI keeps to tens of seconds; for a long local hunt:
 * FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx jest test/integration/hostile-requests.int-spec.ts
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

const CSV =
  'email,firstName,audience,severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance\n' +
  'fuzz@example.com,Fuzz,general,no,no,no,no,no,no\n';
const DSN = [
  'From: MAILER-DAEMON@mx.example.com',
  'To: bounces+00000000-0000-4000-8000-000000000000@retrowalk.localhost',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.com',
  '',
  'Final-Recipient: rfc822; fuzz@example.com',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
  '--b--',
  '',
].join('\r\n');
/** Delivery events are signed: a signed request reaches the parsers, an unsigned one stops at the door. */
const EVENTS_SECRET = 'fuzz-email-events-secret-0123456789abcdef';
const REPORT_QUERY = { from: '2027-01-04', to: '2027-03-28', groupBy: 'week' };
const json = (body: Record<string, unknown>): Sample => ({ kind: 'json', body });
const NO_BODY: Sample = { kind: 'none', body: null };
const FORM = (body: string): Sample => ({ kind: 'form', body });

interface RouteFuzz {
  body: Sample;
  query?: Record<string, string>;
}

/**
 * Every route the API serves (with TEST_CLOCK disabled, as in production), with a request it
 * takes as it is. The first test fails when the router serves a route missing here, or this lists
 * one it no longer serves: a new route is fuzzed from the day it ships.
 */
const ROUTES: Record<string, RouteFuzz> = {
  'GET /health/live': { body: NO_BODY },
  'GET /health/ready': { body: NO_BODY },
  'GET /metrics': { body: NO_BODY },
  'GET /v1/organization': { body: NO_BODY },
  'PATCH /v1/organization': {
    body: json({
      displayName: 'Fuzz Physio',
      senderName: 'Fuzz team',
      replyTo: 'reply@fuzz.test',
      defaultTimezone: 'Europe/London',
      defaultReminder: { days: ['mon'], time: '08:00' },
      quietHours: { start: '21:00', end: '07:00' },
      importConfirmationsPerMinute: 100,
    }),
  },
  'POST /v1/api-keys': { body: json({ role: 'coach', label: 'fuzz key' }) },
  'GET /v1/api-keys': { body: NO_BODY },
  'DELETE /v1/api-keys/{id}': { body: NO_BODY },
  'POST /v1/enrollments': { body: json(enrollmentBody({ email: 'fuzz.new@example.com' })) },
  'GET /v1/enrollments/{id}': { body: NO_BODY },
  'PATCH /v1/enrollments/{id}': {
    body: json({ timezone: 'Asia/Tokyo', reminder: { days: ['tue', 'sat'], time: '06:15' } }),
  },
  'DELETE /v1/enrollments/{id}': { body: NO_BODY },
  'POST /v1/enrollments/{id}/pause': { body: NO_BODY },
  'POST /v1/enrollments/{id}/resume': { body: NO_BODY },
  'POST /v1/enrollments/{id}/check-ins': {
    body: json({ ...CLEAN_WALK, performedAt: new Date(Date.now() - 3_600_000).toISOString(), notes: 'ok' }),
  },
  'GET /v1/enrollments/{id}/check-ins': { body: NO_BODY },
  'GET /v1/enrollments/{id}/timeline': { body: NO_BODY },
  'POST /v1/enrollments/{id}/clearance': { body: NO_BODY },
  'GET /v1/enrollments/{id}/export': { body: NO_BODY },
  'POST /v1/imports': { body: { kind: 'csv', body: CSV } },
  'GET /v1/imports/{id}': { body: NO_BODY, query: { errorsAfterRow: '0', errorsLimit: '10' } },
  'GET /v1/reports/cohort': { body: NO_BODY, query: REPORT_QUERY },
  'POST /v1/reports/cohort/link': { body: NO_BODY, query: REPORT_QUERY },
  'GET /p/check-in/{token}': { body: NO_BODY },
  'POST /p/check-in/{token}': {
    body: FORM(
      `submission=${randomUUID()}&durationMinutes=10&painDuring=1&painType=muscle_effort&notes=fine`,
    ),
  },
  'GET /p/{purpose}/{token}': { body: NO_BODY },
  'POST /p/{purpose}/{token}': { body: FORM('List-Unsubscribe=One-Click') },
  'GET /p/data/{token}': { body: NO_BODY },
  'POST /p/data/{token}/export': { body: FORM('') },
  'GET /p/data/{token}/erase': { body: NO_BODY },
  'POST /p/data/{token}/erase': { body: FORM('') },
  'GET /r/{token}': { body: NO_BODY },
  'GET /v1/enrollments/{id}/outcomes': { body: NO_BODY },
  'GET /v1/enrollments': { body: NO_BODY, query: { q: 'sam', status: 'active', limit: '10' } },
  'GET /v1/attention': { body: NO_BODY, query: { status: 'open', limit: '10' } },
  'POST /v1/attention/{id}/acknowledge': { body: json({ note: 'Called them' }) },
  'POST /v1/members': {
    body: json({ email: 'fuzz.member@example.com', name: 'Fuzz Member', role: 'coach' }),
  },
  'GET /v1/members': { body: NO_BODY, query: { limit: '10' } },
  'DELETE /v1/members/{id}': { body: NO_BODY },
  'GET /coach': { body: NO_BODY },
  'GET /coach/assets/{name}': { body: NO_BODY },
  'GET /coach/attention': { body: NO_BODY },
  'POST /coach/attention/{id}/acknowledge': { body: FORM('_csrf=__CSRF__&note=seen') },
  'GET /coach/participants': { body: NO_BODY, query: { q: 'sam', sort: 'name' } },
  'GET /coach/participants/{id}': { body: NO_BODY },
  'POST /coach/participants/{id}/clear': { body: FORM('_csrf=__CSRF__&note=GP%20said%20fine') },
  'POST /coach/participants/{id}/notes': { body: FORM('_csrf=__CSRF__&text=Note') },
  'POST /coach/participants/{id}/pause': { body: FORM('_csrf=__CSRF__') },
  'POST /coach/participants/{id}/resume': { body: FORM('_csrf=__CSRF__') },
  'GET /coach/reports': { body: NO_BODY },
  'GET /coach/reports/open': { body: NO_BODY, query: REPORT_QUERY },
  'GET /coach/sign-in': { body: NO_BODY },
  'POST /coach/sign-in': { body: FORM('_csrf=__CSRF__&email=fuzz%40example.com') },
  'GET /coach/sign-in/{token}': { body: NO_BODY },
  'POST /coach/sign-in/{token}': { body: FORM('_csrf=__CSRF__') },
  'POST /coach/sign-out': { body: FORM('_csrf=__CSRF__') },
  'POST /v1/email-events': {
    body: json({
      type: 'bounce',
      bounceType: 'hard',
      email: 'fuzz@example.com',
      messageId: randomUUID(),
      reason: '550 5.1.1 User unknown',
    }),
  },
  'POST /v1/email-events/dsn': { body: { kind: 'message', body: DSN } },
  'GET /v1/suppressions': { body: NO_BODY, query: { limit: '10' } },
  'DELETE /v1/suppressions/{email}': { body: NO_BODY },
  'GET /p/outcome-baseline/{token}': { body: NO_BODY },
  'POST /p/outcome-baseline/{token}': { body: FORM('pain=4&activity0=Stairs&score0=5') },
  'GET /p/outcome-dose-end/{token}': { body: NO_BODY },
  'POST /p/outcome-dose-end/{token}': { body: FORM('pain=3&score0=6&globalChange=a_little_better') },
  'GET /p/outcome-follow-up/{token}': { body: NO_BODY },
  'POST /p/outcome-follow-up/{token}': { body: FORM('pain=2&score0=7&globalChange=much_better') },
};

/** Served by the Swagger plugin, not a controller: fuzzed all the same. */
const PLUGIN_ROUTES: Record<string, RouteFuzz> = {
  'GET /docs': { body: NO_BODY },
  'GET /docs-json': { body: NO_BODY },
};

const ALL_ROUTES = Object.entries({ ...ROUTES, ...PLUGIN_ROUTES });

const BUTTON_PURPOSES: readonly string[] = LINK_PURPOSES.filter((p) => p !== 'check-in' && p !== 'data');

/** A workspace form's CSRF field carries the signed-in coach's real token, wherever it survived. */
function withCsrf(body: Buffer, csrf: string): Buffer {
  const text = body.toString('latin1');
  return text.includes('__CSRF__') ? Buffer.from(text.replaceAll('__CSRF__', csrf), 'latin1') : body;
}

function encodeQuery(query: Record<string, string | string[]>): string {
  const parts = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${v}`),
  );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The route's own query, broken in one value, doubled, padded with unknown keys, or left out. */
function queries(sample: Record<string, string> | undefined): fc.Arbitrary<string> {
  const base = sample ?? {};
  const keys = Object.keys(base);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(encodeQuery(base)) },
    {
      weight: keys.length > 0 ? 5 : 0,
      arbitrary: fc
        .tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), hostilePathValues)
        .map(([key, value]) => encodeQuery({ ...base, [key]: value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__[x]', 'constructor', 'from[]', 'groupBy', 'a'), hostilePathValues)
        .map(([key, value]) => `${encodeQuery(base) || '?'}&${key}=${value}`),
    },
    {
      weight: 1,
      arbitrary: fc.constant(keys.length > 0 ? encodeQuery({ [keys[0]!]: ['1', '2'] }) : '?a=1&a=2'),
    },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** fast-check's own report prints every byte of a 20 KB body; this keeps what a person reads. */
function reportBriefly<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const shown = JSON.stringify(details.counterexample, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}... (${value.length})`;
    const buffer = value as { type?: string; data?: number[] };
    if (buffer?.type === 'Buffer' && Array.isArray(buffer.data)) {
      const text = Buffer.from(buffer.data).toString('utf8');
      return `<${buffer.data.length} bytes> ${text.slice(0, 200)}`;
    }
    return value;
  });
  const cause =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${cause}\nseed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} runs\n${shown}`,
  );
}

describe('hostile requests never crash the API or answer 5xx', () => {
  let rw: RetrowalkHarness;
  let api: AppProcess;
  let port: number;
  let apiKey: string;
  let organizationId: string;
  let importId: string;
  let apiKeyId: string;
  /** A fresh, confirmed enrolment per route: erasing or stopping one spoils no other route's run. */
  const enrollmentOf = new Map<string, string>();
  let session = { cookie: '', csrf: '' };
  const links = () => rw.api.get(LinkService);

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({
      worker: false,
      env: { TEST_CLOCK: 'disabled', EMAIL_EVENTS_SECRET: EVENTS_SECRET },
    });
    ({ apiKey, organizationId } = await rw.createOrganization('Fuzz Physio'));
    for (const [route] of ALL_ROUTES) {
      if (!route.includes('{')) continue;
      const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
      const id = String(created.body.id);
      await rw.request('POST', `/p/confirm/${links().token('confirm', id)}`);
      enrollmentOf.set(route, id);
    }
    const staged = await rw.request('POST', '/v1/imports', {
      apiKey,
      rawBody: CSV,
      headers: { 'content-type': 'text/csv' },
    });
    importId = String(staged.body.id);
    const key = await rw.request('POST', '/v1/api-keys', { apiKey, body: { role: 'coach' } });
    apiKeyId = String(key.body.id);
    // A signed-in coach, so the workspace routes are fuzzed behind the sign-in too, not only at it.
    await rw.request('POST', '/v1/members', {
      apiKey,
      body: { email: 'fuzz.coach@example.com', name: 'Fuzz Coach', role: 'coach' },
    });
    const coach = new WorkspaceBrowser(rw);
    await coach.signIn('fuzz.coach@example.com');
    await coach.get('/coach/participants');
    session = { cookie: `rw_session=${coach.cookie('rw_session') ?? ''}`, csrf: coach.csrf };

    // A real child process: a native abort kills it where it would take Jest's worker down unseen.
    port = await freePort();
    api = await AppProcess.start('api', {
      ...rw.env,
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
    });
  });

  afterAll(async () => {
    await api?.kill('SIGTERM');
    await rw?.close();
  });

  it('knows every route the router serves, and the OpenAPI document has every /v1 one', async () => {
    const served = nestRoutes(rw.api).map((r) => `${r.method} ${r.path}`);
    expect(served.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
    const doc = (await (await fetch(`http://127.0.0.1:${port}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.filter((r) => r.split(' ')[1]!.startsWith('/v1/') && !documented.includes(r))).toEqual([]);
  });

  /** The path with each parameter filled: a working value most of the time, a hostile one otherwise. */
  function paths(route: string): fc.Arbitrary<string> {
    const template = route.split(' ')[1]!;
    const id = enrollmentOf.get(route) ?? '00000000-0000-4000-8000-000000000000';
    const good = (purpose: string): string => {
      if (template.startsWith('/v1/enrollments/') || template.startsWith('/coach/participants/')) return id;
      // Ids no row has: the route must still answer 4xx, never 5xx.
      if (/^\/(v1|coach)\/(members|attention)\//.test(template))
        return '00000000-0000-4000-8000-000000000001';
      if (template.startsWith('/coach/assets/')) return 'workspace.css';
      if (template.startsWith('/coach/sign-in/')) return 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      if (template.startsWith('/v1/api-keys/')) return apiKeyId;
      if (template.startsWith('/v1/suppressions/')) return 'fuzz%40example.com';
      if (template.startsWith('/v1/imports/')) return importId;
      if (template.startsWith('/r/')) {
        return links()
          .reportLink({ organizationId, ...REPORT_QUERY })
          .url.split('/r/')[1]!;
      }
      if (template.startsWith('/p/check-in/')) return links().token('check-in', id);
      if (template.startsWith('/p/data/')) return links().token('data', id);
      const outcome = /^\/p\/(outcome-[a-z-]+)\//.exec(template);
      if (outcome) return links().token(outcome[1] as LinkPurpose, id);
      if (template.startsWith('/p/')) return links().token(purpose as LinkPurpose, id);
      throw new Error(`No way to fill the parameters of ${route}: add one here`);
    };
    const purposes = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...BUTTON_PURPOSES) },
      { weight: 1, arbitrary: fc.constantFrom('check-in', 'data', 'report', 'CONFIRM', '%00') },
    );
    // One value in four is hostile; the rest reach the route with an id or token it knows.
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: hostilePathValues },
    );
    return fc.tuple(purposes, value, value).map(([purpose, hostileToken, hostileId]) =>
      template
        .replace('{purpose}', purpose)
        .replace('{token}', () => {
          if (hostileToken !== null) return hostileToken;
          return BUTTON_PURPOSES.includes(purpose) || !template.includes('{purpose}')
            ? good(purpose)
            : good('pause');
        })
        .replace('{id}', () => hostileId ?? good(''))
        .replace('{name}', () => hostileId ?? good('')),
    );
  }

  function problemWith(method: string, path: string, res: RawResponse, oversized: boolean): string | null {
    if (res.status === null) {
      if (!api.running) return `the API process died: ${res.error}\n${api.tail(15)}`;
      // A server may close the connection on a body or headers it will not read; nothing else.
      return oversized && /ECONNRESET|EPIPE|socket hang up/.test(res.error)
        ? null
        : `no answer: ${res.error}`;
    }
    if (res.status >= 500) return `${res.status}: ${res.text.slice(0, 300)}`;
    if (/\bat \S+ \(?[^)]*\.(ts|js):\d+:\d+/.test(res.text)) return 'a stack trace in the answer';
    const ours = res.status !== 431 && method !== 'HEAD' && res.contentType !== '';
    if (ours && path.startsWith('/v1/') && res.status >= 400) {
      let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } = {};
      try {
        body = JSON.parse(res.text) as typeof body;
      } catch {
        return `a ${res.status} that is not JSON: ${res.text.slice(0, 120)}`;
      }
      const error = body.error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !('details' in error)) {
        return `a ${res.status} not in the error shape: ${res.text.slice(0, 200)}`;
      }
    }
    return null;
  }

  it.each(ALL_ROUTES.map(([route, fuzz], index) => [route, fuzz, index] as const))(
    '%s',
    async (route, fuzz, index) => {
      if (!api.running) throw new Error(`The API process is not running (it died earlier):\n${api.tail(15)}`);
      const own = route.split(' ')[0]!;
      const request = fc.record({
        method: methods(own),
        path: paths(route),
        query: queries(fuzz.query),
        body: hostileBody(fuzz.body),
        authorization: authorizations(apiKey),
        headers: extraHeaders,
        signedIn: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: [string, string][] = [
            ...r.authorization.map((value): [string, string] => ['authorization', value]),
            ...r.headers.map(([name, value]): [string, string] => [name, value]),
          ];
          if (r.signedIn && r.path.startsWith('/coach')) headers.push(['cookie', session.cookie]);
          if (r.body.contentType !== undefined) headers.push(['content-type', r.body.contentType]);
          const body = r.body.body ? withCsrf(r.body.body, session.csrf) : undefined;
          if (r.signedIn && r.path.startsWith('/v1/email-events') && body) {
            const mac = createHmac('sha256', EVENTS_SECRET).update(body).digest('hex');
            headers.push(['x-retrowalk-signature', `sha256=${mac}`]);
          }
          const path = `${r.path}${r.query}`;
          const res = await sendRaw(port, {
            method: r.method,
            path,
            headers,
            ...(body ? { body, chunked: r.body.chunked } : {}),
          });
          const oversized =
            (r.body.body?.length ?? 0) > 16 * 1024 ||
            headers.some(([, v]) => v.length > 8000) ||
            headers.length > 50;
          const problem = problemWith(r.method, path, res, oversized);
          if (problem !== null) throw new Error(`${r.method} ${path.slice(0, 200)}: ${problem}`);
        }),
        // Each route its own seed, so routes do not all see the same sequence of choices.
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true, reporter: reportBriefly },
      );
      // The batch is over: the process must still be there, and still answering.
      expect(api.running).toBe(true);
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(live.status).toBe(200);
    },
  );

  it('logged no error and no native assertion along the way', () => {
    expect(api.lines.filter((line) => /"level":"error"|Assertion failed|FATAL/.test(line))).toEqual([]);
  });
});
