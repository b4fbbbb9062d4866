import { Logger } from '@nestjs/common';
import { runInRequestScope, traceHooks } from '@retrowalk/observability';
import fc from 'fast-check';
import { JsonLogger, redact } from './json-logger';

function capture(level: 'error' | 'warn' | 'info' | 'debug' = 'debug') {
  const lines: string[] = [];
  const logger = new JsonLogger('api', level, (l) => lines.push(l));
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, service and context', () => {
    const { logger, entries } = capture('info');
    logger.log('started', 'Bootstrap');
    expect(entries()[0]).toMatchObject({
      level: 'info',
      service: 'api',
      context: 'Bootstrap',
      msg: 'started',
    });
  });

  it('redacts email addresses, also inside error stacks', () => {
    const { logger, lines, entries } = capture();
    logger.error(new Error('rejected ann.smith+walks@example.co.uk by server'), undefined, 'Send');
    expect(lines[0]).not.toContain('ann.smith');
    expect(entries()[0]!.msg).toBe('rejected [email] by server');
  });

  it('drops messages below the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.log('chatty');
    logger.debug('chattier');
    logger.warn('careful');
    expect(lines).toHaveLength(1);
  });

  it('takes an Error in place of the stack, keeping its stack, name and the context', () => {
    const { logger, entries } = capture();
    const cause = new Error('socket hang up');
    const error = Object.assign(new Error('send failed', { cause }), { code: 'ECONNRESET' });
    logger.error('Could not send', error, 'SendMessage');
    const entry = entries()[0]!;
    expect(entry).toMatchObject({ level: 'error', context: 'SendMessage', msg: 'Could not send' });
    expect(entry.stack).toEqual(expect.stringContaining('Error: send failed'));
    expect(entry.details).toEqual({
      name: 'Error',
      message: 'send failed',
      code: 'ECONNRESET',
      cause: { name: 'Error', message: 'socket hang up' },
    });
  });

  it('reads the arguments as Nest passes them, stack first and context last', () => {
    const { logger, entries } = capture();
    logger.error('boom', 'Error: boom\n    at somewhere (x.ts:1:1)', 'Ctx');
    logger.error('boom', 'Ctx');
    logger.error('boom', 'Error: boom\n    at somewhere (x.ts:1:1)');
    const [both, contextOnly, stackOnly] = entries();
    expect(both).toMatchObject({ context: 'Ctx', stack: expect.stringContaining('at somewhere') });
    expect(contextOnly).toMatchObject({ context: 'Ctx' });
    expect(contextOnly).not.toHaveProperty('stack');
    expect(stackOnly).toMatchObject({ stack: expect.stringContaining('at somewhere') });
    expect(stackOnly).not.toHaveProperty('context');
  });

  it("works behind Nest's Logger, with an Error as the second argument", () => {
    const { logger, entries } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Dispatch').error('tick failed', new Error('redis gone'));
      new Logger('Dispatch').warn('slow', { ms: 1200n });
    } finally {
      Logger.overrideLogger(false);
    }
    expect(entries()).toEqual([
      expect.objectContaining({
        context: 'Dispatch',
        msg: 'tick failed',
        stack: expect.stringContaining('redis gone'),
      }),
      expect.objectContaining({ context: 'Dispatch', msg: 'slow', details: { ms: '1200' } }),
    ]);
  });

  it('never throws: BigInts, cycles, objects as context, throwing getters and proxies', () => {
    const { logger, entries } = capture();
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    const calls: (() => void)[] = [
      () => logger.log(10n),
      () => logger.log({ big: 2n ** 70n }),
      () => logger.log(cycle),
      () => logger.warn('with an object as context', { tenant: 'acme' }),
      () => logger.error(hostile, hostile, hostile),
      () => logger.log(getter),
      () => logger.debug(Symbol('s'), () => 1),
      () => logger.log(undefined),
      () => logger.log(null, null),
      () =>
        logger.log({
          toJSON: () => {
            throw new Error('bad toJSON');
          },
        }),
      () => logger.error(Object.create(null)),
      () => logger.log(new Date(Number.NaN), new Map([[{ k: 1 }, new Set([1n])]])),
      () => logger.log(Buffer.from('secret'), new Uint8Array(4)),
    ];
    for (const call of calls) expect(call).not.toThrow();
    const written = entries();
    expect(written).toHaveLength(calls.length);
    expect(written[0]!.msg).toBe('"10"');
    expect(written[1]!.msg).toBe('{"big":"1180591620717411303424"}');
    expect(written[2]!.msg).toBe('{"name":"loop","self":"[circular]"}');
    expect(written[3]).toMatchObject({ msg: 'with an object as context', details: { tenant: 'acme' } });
    expect(written[5]!.msg).toBe('{"ok":1,"bad":"[unreadable]"}');
    expect(written[12]!.msg).toBe('"[Buffer of 6 bytes]"');
  });

  it('puts the request id and job id of the async context on every line, and none outside one', async () => {
    const { logger, entries } = capture();
    logger.log('before');
    await runInRequestScope({ requestId: 'req-7', jobId: 'a1b2.3' }, async () => {
      await Promise.resolve();
      logger.warn('inside', 'Send');
    });
    runInRequestScope({ requestId: 'req-8' }, () => logger.error('no job', new Error('x')));
    const [before, inside, noJob] = entries();
    expect(before).not.toHaveProperty('requestId');
    expect(inside).toMatchObject({ requestId: 'req-7', jobId: 'a1b2.3', context: 'Send', msg: 'inside' });
    expect(noJob).toMatchObject({ requestId: 'req-8' });
    expect(noJob).not.toHaveProperty('jobId');
  });

  it('adds the trace id when tracing gives one, and writes the line when asking for it throws', () => {
    const original = traceHooks.traceId;
    const { logger, entries } = capture();
    try {
      traceHooks.traceId = () => '4bf92f3577b34da6a3ce929d0e0e4736';
      logger.log('traced');
      traceHooks.traceId = () => {
        throw new Error('tracer broke');
      };
      runInRequestScope({ requestId: 'r' }, () => logger.log('still written'));
    } finally {
      traceHooks.traceId = original;
    }
    expect(entries()).toEqual([
      expect.objectContaining({ msg: 'traced', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }),
      expect.objectContaining({ msg: 'still written', requestId: 'r' }),
    ]);
  });

  it("a failed job's warning: an Error as the second argument gives the stack field, redacted", () => {
    const { logger, entries } = capture();
    const error = new Error('550 rejected <sam%40example.com> and sam&#64;example.com');
    Logger.overrideLogger(logger);
    try {
      new Logger('JobRepository').warn('Job SendMessage m1.1 failed (attempt 1 of 3)', error);
      new Logger('JobRepository').error('Job SendMessage m1.1 failed (attempt 3 of 3, the last)', error);
    } finally {
      Logger.overrideLogger(false);
    }
    for (const entry of entries()) {
      expect(entry).toMatchObject({
        context: 'JobRepository',
        stack: expect.stringContaining('json-logger.spec.ts'),
      });
      expect(entry.stack).toContain('550 rejected <[email]> and [email]');
      expect(JSON.stringify(entry)).not.toMatch(/sam/);
    }
    expect(entries().map((e) => e.level)).toEqual(['warn', 'error']);
  });

  it('takes a symbol, a number or an Error where the context goes', () => {
    const { logger, entries } = capture();
    expect(() => logger.log('a', Symbol('ctx'))).not.toThrow();
    expect(() => logger.warn('b', 42)).not.toThrow();
    expect(() => logger.log('c', new Error('not a context'))).not.toThrow();
    expect(entries().map((e) => e.msg)).toEqual(['a', 'b', 'c']);
    expect(entries()[0]!.details).toBe('Symbol(ctx)');
    expect(entries()[2]!.stack).toEqual(expect.stringContaining('not a context'));
  });

  it('keeps writing when the output itself fails', () => {
    const logger = new JsonLogger('api', 'info', () => {
      throw new Error('EPIPE');
    });
    expect(() => logger.log('hello')).not.toThrow();
  });

  it('never throws and always writes one JSON line, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }),
        fc.array(fc.anything({ withBigInt: true })),
        (message, params) => {
          const { logger, lines } = capture();
          logger.error(message, ...params);
          logger.log(message, ...params);
          expect(lines).toHaveLength(2);
          for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
        },
      ),
    );
  });
});

describe('redact', () => {
  it.each([
    'sam@example.com',
    'Sam.Smith+walks@Example.co.uk',
    'sam%40example.com',
    'sam%2540example.com',
    'SAM%40EXAMPLE%2ECOM',
    'sam&#64;example.com',
    'sam&#x40;example.com',
    'sam\\u0040example.com',
    'sam\\x40example.com',
    'sam＠example.com',
    'sam﹫example.com',
    'sam (at) example (dot) com',
    'sam [at] example [dot] com',
    'anne@bücher.example',
  ])('hides %s', (address) => {
    const line = redact(`to=${address};`);
    expect(line).toBe('to=[email];');
  });

  it('keeps the name of a query parameter and the rest of a URL', () => {
    expect(redact('GET /unsubscribe?email=sam%40example.com&x=1')).toBe('GET /unsubscribe?email=[email]&x=1');
  });

  it('hides every address in a property test, however it is encoded', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    const local = fc.stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,15}$/);
    const encode = fc.constantFrom(
      (s: string) => s,
      (s: string) => encodeURIComponent(s),
      (s: string) => encodeURIComponent(encodeURIComponent(s)),
      (s: string) => s.replace('@', '&#64;'),
    );
    fc.assert(
      fc.property(local, label, label, encode, (user, domain, tld, encoding) => {
        const address = `${user}@${domain}.${tld}`;
        const line = redact(`sent to ${encoding(address)} ok`);
        expect(line).toBe('sent to [email] ok');
      }),
    );
  });

  it('leaves text without addresses alone', () => {
    expect(redact('Sent reminder message 5f1c')).toBe('Sent reminder message 5f1c');
    expect(redact('met at 10.30 in the hall (at home)')).toBe('met at 10.30 in the hall (at home)');
  });
});
