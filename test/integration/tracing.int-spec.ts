import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppProcess,
  CLEAN_WALK,
  enrollmentBody,
  freePort,
  linkIn,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';

/** One span as OTLP/HTTP JSON carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

/** A tiny OTLP/HTTP receiver: takes POST /v1/traces in JSON and keeps every span. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  requests = 0;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.take(request).then((ok) => {
        response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async take(request: IncomingMessage): Promise<boolean> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || request.url !== '/v1/traces') return false;
    this.requests += 1;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      resourceSpans: {
        resource: { attributes: OtlpAttribute[] };
        scopeSpans: {
          spans: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes: OtlpAttribute[] })[];
        }[];
      }[];
    };
    for (const { resource, scopeSpans } of body.resourceSpans) {
      const service = String(attributesOf(resource.attributes)['service.name']);
      for (const { spans } of scopeSpans) {
        for (const span of spans)
          this.spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
      }
    }
    return true;
  }
}

function attributesOf(list: OtlpAttribute[]): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
}

async function until<T>(what: string, find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Tracing on: the api and the worker as real processes (instrumentation must load before pg,
 * ioredis and http do, as in production), sending to a receiver here. One enrolment request
 * causes one confirm email, through a nudge job, the dispatcher and a send job; all of it is one
 * trace, and one request id is on the answer, the access line and the worker's lines.
 */
describe('request ids and tracing across the api and the worker', () => {
  const receiver = new OtlpReceiver();
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  let api: AppProcess;
  let worker: AppProcess;
  let apiUrl: string;
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await receiver.start();
    smtp = await new SmtpSink().start();
    // The harness gives the database and an organisation; its own api stays idle and has no worker.
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, worker: false, env: { TEST_CLOCK: 'disabled' } });
    ({ apiKey } = await rw.createOrganization('Traced Physio', 'coach@traced.test'));
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    // Only nudges dispatch (a tick an hour away): the mail is sent by the dispatch the request caused.
    const env = {
      ...rw.env,
      DISPATCH_INTERVAL_MS: '3600000',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      LOG_LEVEL: 'info',
    };
    [api, worker] = await Promise.all([
      AppProcess.start('api', { ...env, PORT: String(port), PUBLIC_BASE_URL: apiUrl }),
      AppProcess.start('worker', { ...env, OTEL_SERVICE_NAME: 'traced-worker' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([api?.kill('SIGKILL'), worker?.kill('SIGKILL')]);
    await rw?.close();
    await smtp?.stop();
    await receiver.stop();
  });

  it('one trace from the enrolment request to the send of the email it causes, one request id on every line', async () => {
    const requestId = 'trace-test.1:enrol';
    const response = await fetch(`${apiUrl}/v1/enrollments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
      },
      body: JSON.stringify(enrollmentBody({ email: 'traced-1@example.com' })),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    await smtp.waitFor(() => smtp.received.some((m) => m.to.startsWith('traced-1@')), 20_000);

    const server = await until('the api server span', () =>
      receiver.spans.find(
        (s) => s.service === 'retrowalk-api' && s.kind === 2 && s.name === 'POST /v1/enrollments',
      ),
    );
    expect(server.attributes['http.route']).toBe('/v1/enrollments');
    const send = await until('the worker send span', () =>
      receiver.spans.find((s) => s.service === 'traced-worker' && s.name === 'process send'),
    );
    expect(send.traceId).toBe(server.traceId);
    const trace = receiver.spans.filter((s) => s.traceId === server.traceId);
    // Postgres and Redis spans inside the request, and the dispatch that handed the mail over.
    expect(
      trace.some((s) => s.service === 'retrowalk-api' && s.attributes['db.system.name'] === 'postgresql'),
    ).toBe(true);
    expect(
      trace.some((s) => s.service === 'retrowalk-api' && s.attributes['db.system.name'] === 'redis'),
    ).toBe(true);
    expect(trace.some((s) => s.service === 'traced-worker' && s.name === 'process dispatch')).toBe(true);
    expect(
      trace.some((s) => s.service === 'traced-worker' && s.attributes['db.system.name'] === 'postgresql'),
    ).toBe(true);

    const access = await api.waitForLine(
      (line) => line.includes('"context":"Access"') && line.includes(requestId),
    );
    const entry = JSON.parse(access) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'info',
      requestId,
      traceId: server.traceId,
      details: { method: 'POST', route: '/v1/enrollments', status: 201, contentLength: expect.any(Number) },
    });
    const dispatched = await worker.waitForLine((line) => line.includes('Dispatched 1 due message'));
    expect(JSON.parse(dispatched)).toMatchObject({ requestId, traceId: server.traceId });
  });

  it('one trace from a check-in that stops the programme (a fall) to the safety email it causes', async () => {
    const email = 'traced-fall@example.com';
    const enrolled = await fetch(`${apiUrl}/v1/enrollments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(enrollmentBody({ email })),
    });
    const { id } = (await enrolled.json()) as { id: string };
    await smtp.waitFor(() => smtp.for(email, 'confirm').length === 1, 20_000);
    const confirm = new URL(linkIn(smtp.for(email, 'confirm')[0]!.text, 'confirm'));
    expect((await fetch(`${apiUrl}${confirm.pathname}${confirm.search}`, { method: 'POST' })).status).toBe(
      200,
    );
    await smtp.waitFor(() => smtp.for(email, 'welcome').length === 1, 20_000);

    const checkIn = await fetch(`${apiUrl}/v1/enrollments/${id}/check-ins`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'x-request-id': 'fall-1',
      },
      body: JSON.stringify({
        ...CLEAN_WALK,
        fall: true,
        performedAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    });
    expect(checkIn.status).toBe(201);
    expect(((await checkIn.json()) as { decision: { action: string } }).decision.action).toBe('stop');
    await smtp.waitFor(() => smtp.for(email, 'safety_stop').length === 1, 20_000);

    const server = await until('the check-in span', () =>
      receiver.spans.find((s) => s.kind === 2 && s.name === 'POST /v1/enrollments/:id/check-ins'),
    );
    await until('the sends of the safety email and the coach alert', () => {
      const sends = receiver.spans.filter((s) => s.name === 'process send' && s.traceId === server.traceId);
      return sends.length >= 2 ? sends : undefined;
    });
    const sent = await worker.waitForLine(
      (l) => l.includes('"requestId":"fall-1"') && l.includes('Dispatched'),
    );
    expect(JSON.parse(sent)).toMatchObject({ traceId: server.traceId });
  });

  it('a request id that is not sane is replaced; 404s and refused bodies carry one too', async () => {
    const insane = await fetch(`${apiUrl}/health/live`, {
      headers: { 'x-request-id': 'bad id\twith "quotes"' },
    });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await fetch(`${apiUrl}/no/such/route?token=secret`);
    expect(missing.status).toBe(404);
    const missingId = missing.headers.get('x-request-id');
    expect(missingId).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${apiUrl}/v1/enrollments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain', 'x-request-id': 'r-415' },
      body: 'hello',
    });
    expect(refused.status).toBe(415);
    expect(refused.headers.get('x-request-id')).toBe('r-415');
    const line = await api.waitForLine(
      (l) => l.includes(`"requestId":"${missingId}"`) && l.includes('Access'),
    );
    expect(JSON.parse(line)).toMatchObject({ details: { route: null, status: 404 } });
    expect(line).not.toContain('secret');
    expect(line).not.toContain('/no/such/route');
    // A participant link's token (and its query) is in no span and no log line: the route's pattern is.
    const link = await fetch(`${apiUrl}/p/check-in/not-a-real-token-abc123?day=2027-01-02`);
    expect(link.status).toBeGreaterThanOrEqual(400);
    const linkSpan = await until('the link span', () =>
      receiver.spans.find((s) => s.kind === 2 && s.attributes['http.route'] === '/p/check-in/:token'),
    );
    expect(linkSpan).toMatchObject({
      name: 'GET /p/check-in/:token',
      attributes: { 'url.path': '/p/check-in/:token' },
    });
    expect(JSON.stringify(receiver.spans)).not.toContain('not-a-real-token-abc123');
    expect(JSON.stringify(receiver.spans)).not.toContain('2027-01-02');
    expect(api.lines.join('\n')).not.toContain('not-a-real-token-abc123');
    // Redis spans name the command only: job data (ids, the request id) stays out.
    expect(
      receiver.spans.some((s) => JSON.stringify(s.attributes['db.query.text'] ?? '').includes('requestId')),
    ).toBe(false);
    // Health probes are not traced and are logged at debug only (the process runs at info).
    await sleep(1500);
    expect(
      receiver.spans.some((s) => JSON.stringify([s.name, s.attributes['url.path']]).includes('/health')),
    ).toBe(false);
    expect(api.lines.some((l) => l.includes('/health/live'))).toBe(false);
  });

  it("the dispatcher's ticks are a trace each, not one trace that never ends", async () => {
    // A worker that ticks five times a second (it moves the shared scheduler to its interval).
    const ticking = await AppProcess.start('worker', {
      ...rw.env,
      DISPATCH_INTERVAL_MS: '200',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'ticking-worker',
      LOG_LEVEL: 'info',
    });
    try {
      const ticks = await until('six ticks', () => {
        const found = receiver.spans.filter(
          (s) => s.service === 'ticking-worker' && s.name === 'process dispatch',
        );
        return found.length >= 6 ? found : undefined;
      });
      expect(new Set(ticks.map((t) => t.traceId)).size).toBe(ticks.length);
    } finally {
      await ticking.kill('SIGKILL');
    }
  });
});
