import fc from 'fast-check';

/** What a route reads, for picking bodies it might get right and many it will not. */
export type BodyKind = 'json' | 'csv' | 'form' | 'message' | 'none';

/** Sample a route accepts as it is: the starting point the mutations below break in one place. */
export interface Sample {
  kind: BodyKind;
  body: Record<string, unknown> | string | null;
}

/** JSON texts no JSON.stringify would write, spliced into bodies where a value goes. */
const oddJson = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '123456789012345678901234567890',
    '9007199254740993',
    '-0',
    '1e-400',
    '"\\u0000"',
    '"Sam\\u0000"',
    '"\\ud800"',
    '"\\udfff\\ud800x"',
    '"\\u202egnp.exe"',
    '"\\u200b\\u200b"',
    '"   "',
    '"=?utf-8?q?evil=40attacker.test?="',
    '"Acme \\\\"',
    `"${'x'.repeat(5000)}"`,
    'null',
    'true',
    '[]',
    '{}',
    '[[[]]]',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.integer({ min: 3, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 3, max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => JSON.stringify(text)),
);

const oddKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '',
    ' ',
    '\u0000',
    'a.b',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Every path to a value in a sample, containers included, so a mutation can hit any level. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

const PLACEHOLDER = '"\u0001splice\u0001"';

function withValueAt(sample: unknown, path: (string | number)[], text: string): string {
  if (path.length === 0) return text;
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = '\u0001splice\u0001';
  return JSON.stringify(copy).replace(PLACEHOLDER, () => text);
}

function jsonBodies(sample: Record<string, unknown> | null): fc.Arbitrary<string> {
  const base = sample ?? {};
  const text = JSON.stringify(base);
  const paths = pathsOf(base);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(text) },
    {
      weight: 8,
      arbitrary: fc.tuple(fc.constantFrom(...paths), oddJson).map(([p, v]) => withValueAt(base, p, v)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(oddKey, oddJson)
        .map(
          ([key, value]) => `{${JSON.stringify(key)}:${value}${text.length > 2 ? `,${text.slice(1)}` : '}'}`,
        ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(`[${text}]`, 'null', '"body"', '42', '', ' ', '{', text.slice(0, -1)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? '') },
  );
}

const csvBodies = fc.oneof(
  fc.constantFrom(
    'email,firstName,audience,severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance\n' +
      'fuzz@example.com,Fuzz,general,no,no,no,no,no,no\n',
    '\ufeffemail,firstName\r\n"a""b",\u0000\r\n',
    'email\n"unterminated',
    `email,firstName\n${'x'.repeat(20_000)}\n`,
    '',
    '\r\r\n\n',
  ),
  fc
    .array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 6 }), { maxLength: 6 })
    .map((rows) => rows.map((r) => r.join(',')).join('\n')),
);

const formValue = fc.oneof(
  fc.constantFrom(
    '%00',
    '1e400',
    '-1',
    '11',
    'yes',
    '',
    '%ff%fe',
    '%ED%A0%80',
    'x'.repeat(3000),
    '%0d%0aBcc:%20x@y',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

function formBodies(sample: string): fc.Arbitrary<string> {
  const fields = sample.split('&').map((pair) => pair.split('=')[0]!);
  return fc.oneof(
    fc.constant(sample),
    fc
      .tuple(fc.constantFrom(...fields), formValue)
      .map(([name, value]) => sample.replace(new RegExp(`(^|&)${name}=[^&]*`), `$1${name}=${value}`)),
    fc.constantFrom(
      `${sample}&${sample}`,
      '__proto__[polluted]=1',
      'constructor[prototype][polluted]=1',
      'painDuring[]=1&painDuring[x]=2',
      '=&&=&',
      'List-Unsubscribe=One-Click',
    ),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset="UTF-8"',
  'application/json;',
  'application/json; charset',
  'text/csv',
  'application/csv',
  'text/csv; charset=latin1',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=zzz',
  'text/plain',
  'application/octet-stream',
  'application/xml',
  'application/vnd.api+json',
  'application/merge-patch+json',
  '',
  ' ',
  'json',
  '*/*',
  'text/',
  '/',
  ';;',
  'application/json, text/csv',
  'message/rfc822',
  'multipart/report; report-type=delivery-status; boundary="b"',
  'multipart/report',
  `${'a'.repeat(2000)}/json`,
];

const OWN_TYPE: Record<BodyKind, string> = {
  json: 'application/json',
  csv: 'text/csv',
  form: 'application/x-www-form-urlencoded',
  message: 'message/rfc822',
  none: 'application/json',
};

/** An email (a bounce report): as it is, cut short anywhere, or with junk spliced in. */
function messageBodies(sample: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(sample),
    fc.nat({ max: sample.length }).map((n) => sample.slice(0, n)),
    fc
      .tuple(fc.nat({ max: sample.length }), fc.string({ unit: 'binary', maxLength: 80 }))
      .map(([n, junk]) => sample.slice(0, n) + junk + sample.slice(n)),
    fc.constant(sample.replaceAll('\r\n', '\n')),
  );
}

export interface HostileBody {
  contentType: string | undefined;
  body: Buffer | undefined;
  chunked: boolean;
}

/** A content type and a body for a route: mostly its own kind, broken somewhere, often not. */
export function hostileBody(sample: Sample): fc.Arbitrary<HostileBody> {
  const json = jsonBodies(sample.kind === 'json' && typeof sample.body === 'object' ? sample.body : null);
  const form = formBodies(sample.kind === 'form' && typeof sample.body === 'string' ? sample.body : 'a=b');
  const own =
    sample.kind === 'csv'
      ? csvBodies
      : sample.kind === 'form'
        ? form
        : sample.kind === 'message' && typeof sample.body === 'string'
          ? messageBodies(sample.body)
          : json;
  const text = fc.oneof(
    { weight: 6, arbitrary: own },
    { weight: 2, arbitrary: json },
    { weight: 1, arbitrary: csvBodies },
    { weight: 1, arbitrary: form },
  );
  const body = fc.oneof(
    { weight: 10, arbitrary: text.map((t) => Buffer.from(t, 'utf8')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(20_000, 0x41)) },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant(OWN_TYPE[sample.kind]) },
    { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record({
    contentType,
    body: fc.option(body, { nil: undefined, freq: 8 }),
    chunked: fc.boolean(),
  });
}

const VALUE_CHARS = fc.string({
  // What Node lets a client send in a header value: visible ASCII, space and Latin-1, never DEL.
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

/** An Authorization header: the right key most of the time, every way of getting it wrong otherwise. */
export function authorizations(key: string): fc.Arbitrary<readonly string[]> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant([`Bearer ${key}`]) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          `bearer ${key}`,
          `Bearer  ${key}`,
          `Bearer ${key} `,
          `Bearer ${key}\t`,
          `Bearer ${key} extra`,
          `Bearer ${key}, Bearer ${key}`,
          'Bearer',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          key,
          `Bearer ${'x'.repeat(6000)}`,
          'Bearer rw_\u00ff\u0080',
        )
        .map((v) => [v]),
    },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant([`Bearer ${key}`, 'Bearer nope']) },
    { weight: 1, arbitrary: VALUE_CHARS.map((v) => [`Bearer ${v}`]) },
  );
}

/** Other headers: none, odd ones, duplicates, one larger than any server takes. */
export const extraHeaders: fc.Arbitrary<readonly (readonly [string, string])[]> = fc.oneof(
  { weight: 14, arbitrary: fc.constant([]) },
  {
    weight: 4,
    arbitrary: fc.array(
      fc.tuple(
        fc.constantFrom(
          'accept',
          'idempotency-key',
          'x-forwarded-for',
          'x-request-id',
          'cookie',
          'origin',
          'content-encoding',
          'accept-charset',
          'x-http-method-override',
        ),
        fc.oneof(VALUE_CHARS, fc.constantFrom('text/csv', '*/*', 'gzip', '999.1.1.1, ::::', 'PUT')),
      ),
      { maxLength: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.constant([['x-filler', 'a'.repeat(20_000)]] as [string, string][]) },
  {
    weight: 1,
    arbitrary: fc.constant(Array.from({ length: 60 }, (_, i) => ['x-many', String(i)] as [string, string])),
  },
);

/**
 * Usually the route's own method; sometimes one it does not have. Never a stray DELETE: on an
 * enrolment's path that erases the person every later run of the route works with.
 */
export function methods(own: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(own) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'GET',
        'POST',
        'PUT',
        'PATCH',
        'OPTIONS',
        'HEAD',
        'TRACE',
        'PROPFIND',
        'QUERY',
        'FOO',
      ),
    },
  );
}

/** Values for a path parameter or a query value, already percent-encoded. */
export const hostilePathValues = fc.oneof(
  fc.constantFrom(
    '00000000-0000-4000-8000-000000000000',
    'not-a-uuid',
    '%00',
    '%ED%A0%80',
    '%ff',
    '..%2f..%2fetc',
    '%2e%2e',
    'x'.repeat(400),
    '%E2%80%AE',
    '6F1C2F0E-8A4B-4C1D-9E2F-0A1B2C3D4E5F',
    '1e400',
    '-1',
    '99999999999999999999',
  ),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
);
