import fc from 'fast-check';
import { DomainError } from '../errors';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor';
import { compareKeys, pageAfter, type SortDirection } from './keyset';

const value: fc.Arbitrary<CursorValue> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.constant(null),
);

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, details: error.details } : error;
  }
  return 'accepted';
}

describe('cursors', () => {
  it('decode to the key they were made from', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (key) => {
        expect(decodeCursor(encodeCursor('name', key), 'name', key.length)).toEqual(key);
      }),
    );
  });

  it('refuse anything that is not one of ours with a 400 naming cursor', () => {
    const refused = {
      code: 'validation_failed',
      details: [{ field: 'cursor', message: expect.any(String) }],
    };
    const good = encodeCursor('created', ['2027-03-01 10:00:00+00', 'a']);
    for (const text of [
      '',
      'not base64!',
      'eyJ', // truncated
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{"o":"created","k":"x"}').toString('base64url'),
      Buffer.from('{"o":"created","k":[{"a":1},"b"]}').toString('base64url'),
      encodeCursor('created', ['only one']),
      'A'.repeat(2000),
    ]) {
      expect(refusal(() => decodeCursor(text, 'created', 2))).toEqual(refused);
    }
    expect(refusal(() => decodeCursor(good, 'name', 2))).toEqual({
      code: 'validation_failed',
      details: [{ field: 'cursor', message: 'belongs to another list or sort order' }],
    });
  });

  it('never throw anything but a validation error, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const outcome = refusal(() => decodeCursor(text, 'created', 2));
        if (outcome !== 'accepted') expect(outcome).toMatchObject({ code: 'validation_failed' });
      }),
    );
  });
});

describe('keyset paging', () => {
  const directions: SortDirection[][] = [
    ['desc', 'desc'],
    ['asc', 'asc'],
    ['desc', 'asc'],
  ];

  it('orders nulls last in either direction', () => {
    expect(compareKeys([null, 'a'], ['x', 'a'], ['desc', 'asc'])).toBeGreaterThan(0);
    expect(compareKeys([null, 'a'], ['x', 'a'], ['asc', 'asc'])).toBeGreaterThan(0);
    expect(compareKeys([null, 'a'], [null, 'b'], ['asc', 'asc'])).toBeLessThan(0);
  });

  it('shows every row there was at the start exactly once, while rows keep arriving', () => {
    // Rows: [sort value (nullable), unique id]. Between pages, new rows arrive with any key.
    const row = fc.tuple(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), fc.uuid());
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r[1], maxLength: 40 }),
        fc.array(fc.uniqueArray(row, { selector: (r) => r[1], maxLength: 4 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(...directions),
        (initial, arrivals, limit, dirs) => {
          const keyOf = (r: readonly [number | null, string]) => [r[0], r[1]] as const;
          const table = [...initial];
          const seen: string[] = [];
          let after: readonly CursorValue[] | null = null;
          for (let page = 0; page < 200; page++) {
            const rows = pageAfter(table, keyOf, dirs, after, limit);
            seen.push(...rows.map((r) => r[1]));
            if (rows.length < limit) break;
            after = keyOf(rows.at(-1)!);
            for (const r of arrivals[page] ?? []) if (!table.some((t) => t[1] === r[1])) table.push(r);
          }
          expect(new Set(seen).size).toBe(seen.length);
          for (const r of initial) expect(seen).toContain(r[1]);
        },
      ),
    );
  });
});
