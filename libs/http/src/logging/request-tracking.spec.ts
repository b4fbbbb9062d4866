import { Logger } from '@nestjs/common';
import { type LogLevel } from '@retrowalk/config';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Socket } from 'node:net';
import { answerClientError } from '../errors/client-error';
import { answerFrameworkError } from '../errors/framework-error';
import { JsonLogger } from './json-logger';
import { installRequestTracking, requestIdOf } from './request-tracking';

const UUID = /^[0-9a-f-]{36}$/;

async function appWith(
  level: LogLevel = 'info',
): Promise<{ app: FastifyInstance; entries: () => Record<string, unknown>[] }> {
  const lines: string[] = [];
  Logger.overrideLogger(new JsonLogger('api', level, (line) => lines.push(line)));
  const app = Fastify({ genReqId: requestIdOf, frameworkErrors: answerFrameworkError });
  installRequestTracking(app);
  // Like the body checks: a hook after ours that answers by itself.
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers['content-type'] === 'text/plain') await reply.code(415).send({ error: 'no' });
  });
  app.get('/p/check-in/:token', async () => {
    new Logger('CheckIn').log('page shown');
    return 'page';
  });
  app.post('/v1/things', async () => 'made');
  app.get('/v1/boom', async () => {
    throw new Error('boom');
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.ready();
  return { app, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('request tracking', () => {
  afterEach(() => {
    Logger.overrideLogger(false);
  });

  it('keeps a sane X-Request-Id, answers with it, and puts it on the handler lines and the access line', async () => {
    const { app, entries } = await appWith();
    const res = await app.inject({
      url: '/p/check-in/tok3n-SECRET?day=2027-01-02&email=sam%40example.com',
      headers: { 'x-request-id': 'edge-42', authorization: 'Bearer key-SECRET', cookie: 'sid=SECRET' },
    });
    expect(res.headers['x-request-id']).toBe('edge-42');
    const [handler, access] = entries();
    expect(handler).toMatchObject({ context: 'CheckIn', msg: 'page shown', requestId: 'edge-42' });
    expect(access).toMatchObject({
      level: 'info',
      context: 'Access',
      requestId: 'edge-42',
      msg: 'GET /p/check-in/:token 200',
      details: { method: 'GET', route: '/p/check-in/:token', status: 200, contentLength: 4 },
    });
    expect(typeof (access!.details as { durationMs: unknown }).durationMs).toBe('number');
    // Never the address's token or query, never a credential.
    expect(JSON.stringify(entries())).not.toMatch(/SECRET|2027-01-02|email|sam/);
    await app.close();
  });

  it('makes a new id for a missing or insane one, a different one each request', async () => {
    const { app } = await appWith();
    const first = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'x'.repeat(129) } });
    const second = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'a b' } });
    const third = await app.inject({ url: '/health/live' });
    const ids = [first, second, third].map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
    await app.close();
  });

  it('answers with the id on a 404, a 415 from a later hook, a 500 and a refused address', async () => {
    const { app, entries } = await appWith();
    const answers = await Promise.all([
      app.inject({ url: '/nowhere/tok3n?q=1', headers: { 'x-request-id': 'r404' } }),
      app.inject({
        method: 'POST',
        url: '/v1/things',
        headers: { 'x-request-id': 'r415', 'content-type': 'text/plain' },
        payload: 'x',
      }),
      app.inject({ url: '/v1/boom', headers: { 'x-request-id': 'r500' } }),
      app.inject({ url: '/p/check-in/%ED%A0%80', headers: { 'x-request-id': 'r400' } }),
    ]);
    expect(answers.map((r) => [r.statusCode, r.headers['x-request-id']])).toEqual([
      [404, 'r404'],
      [415, 'r415'],
      [500, 'r500'],
      [400, 'r400'],
    ]);
    const notFound = entries().find((e) => e.requestId === 'r404');
    expect(notFound).toMatchObject({ msg: 'GET (unmatched) 404', details: { route: null, status: 404 } });
    expect(JSON.stringify(entries())).not.toContain('nowhere');
    await app.close();
  });

  it('logs health probes at debug only', async () => {
    const quiet = await appWith('info');
    await quiet.app.inject({ url: '/health/live' });
    expect(quiet.entries()).toEqual([]);
    await quiet.app.close();
    const chatty = await appWith('debug');
    await chatty.app.inject({ url: '/health/live' });
    expect(chatty.entries()).toEqual([
      expect.objectContaining({
        level: 'debug',
        context: 'Access',
        details: expect.objectContaining({ route: '/health/live' }),
      }),
    ]);
    await chatty.app.close();
  });

  it("gives a fresh id to what Node's HTTP parser refuses before any request exists", () => {
    const written: string[] = [];
    const socket = {
      destroyed: false,
      writable: true,
      write: (text: string) => written.push(text),
      destroy: () => undefined,
    } as unknown as Socket;
    answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    expect(written[0]).toMatch(/^HTTP\/1\.1 431 /);
    expect(written[0]).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
  });
});
