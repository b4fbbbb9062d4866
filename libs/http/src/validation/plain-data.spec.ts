import { Readable } from 'node:stream';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { MAX_NESTING, plainDataProblem } from './plain-data';

function nested(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('plainDataProblem', () => {
  it('accepts any JSON value within the nesting limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'small', maxDepth: MAX_NESTING - 1 }), (text) => {
        // fc.jsonValue can make lone surrogates and NUL: those have a problem of their own.
        const serialised = JSON.stringify(text);
        const hostile =
          /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f]/i.test(serialised);
        const problem = plainDataProblem(JSON.parse(serialised));
        expect(problem === null).toBe(!hostile);
      }),
    );
  });

  it('accepts what the query and form parsers make (objects without Object.prototype)', () => {
    const bare = Object.create(Object.create(null) as object) as Record<string, unknown>;
    bare.painDuring = ['2', '3'];
    expect(plainDataProblem(bare)).toBeNull();
    expect(plainDataProblem(Object.assign(Object.create(null) as object, { a: 'b' }))).toBeNull();
  });

  it('refuses a stream, a socket, a Buffer, a Date or a class instance anywhere, without walking it', () => {
    for (const value of [
      Readable.from(['a,b\n']),
      new Socket(),
      Buffer.from('{}'),
      new Date(),
      new (class Dto {})(),
      () => undefined,
      Symbol('x'),
      BigInt(1),
    ]) {
      expect(plainDataProblem(value)).toEqual({ kind: 'not_plain' });
      expect(plainDataProblem({ reminder: { days: [value] } })).toEqual({ kind: 'not_plain' });
    }
  });

  it('refuses nesting past the limit, naming the top field, however deep it goes', () => {
    expect(plainDataProblem({ reminder: nested(MAX_NESTING - 1) })).toBeNull();
    expect(plainDataProblem({ reminder: nested(MAX_NESTING) })).toEqual({
      kind: 'field',
      problem: { field: 'reminder', message: `is nested more than ${MAX_NESTING} levels deep` },
    });
    expect(plainDataProblem([nested(100_000)])).toEqual({
      kind: 'field',
      problem: { field: '0', message: `is nested more than ${MAX_NESTING} levels deep` },
    });
  });

  it('names the field of a NUL or a half surrogate pair, in values and in keys', () => {
    expect(plainDataProblem({ firstName: 'Sa\u0000m' })).toEqual({
      kind: 'field',
      problem: { field: 'firstName', message: 'must not contain NUL characters' },
    });
    expect(plainDataProblem({ reminder: { days: ['mon', 'we\ud800d'] } })).toEqual({
      kind: 'field',
      problem: {
        field: 'reminder.days.1',
        message: 'must be valid Unicode text (it has half a surrogate pair)',
      },
    });
    expect(plainDataProblem({ screening: { 'vertigo\u0000': true } })).toEqual({
      kind: 'field',
      problem: { field: 'screening', message: 'has a field name that must not contain NUL characters' },
    });
    expect(plainDataProblem('\u0000')).toEqual({
      kind: 'field',
      problem: { field: 'body', message: 'must not contain NUL characters' },
    });
  });
});
