import { redact } from './redact';

/** A JSON value that `JSON.stringify` always accepts. */
export type LogValue = string | number | boolean | null | LogValue[] | { [key: string]: LogValue };

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;
const MAX_STRING = 10_000;

function text(value: string): string {
  const short = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…[truncated]` : value;
  return redact(short);
}

function read<T>(get: () => T): T | '[unreadable]' {
  try {
    return get();
  } catch {
    return '[unreadable]';
  }
}

/**
 * Anything a caller hands the logger, as a JSON value, without ever throwing: BigInts become
 * text, cycles `[circular]`, Errors their name, message and code, getters and proxies that throw
 * `[unreadable]`; depth and width are capped; every string and key is redacted.
 */
export function toLogValue(value: unknown, depth = 0, ancestors: object[] = []): LogValue {
  switch (typeof value) {
    case 'string':
      return text(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
      return null;
    case 'symbol':
      return text(value.toString());
    case 'function':
      return `[function ${text(read(() => value.name) || 'anonymous')}]`;
    case 'object':
      break;
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  const inner = [...ancestors, value];
  const result = read((): LogValue => {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof Error) return errorValue(value, depth, inner);
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} of ${value.byteLength} bytes]`;
    if (value instanceof Map) return entriesValue([...value.entries()], depth, inner);
    if (value instanceof Set) return listValue([...value], depth, inner);
    if (Array.isArray(value)) return listValue(value, depth, inner);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toLogValue(toJSON.call(value), depth + 1, inner);
    // Key by key, so one getter that throws spoils only its own field.
    const record = value as Record<string, unknown>;
    return entriesValue(
      Object.keys(record).map((key) => [key, read(() => record[key])] as const),
      depth,
      inner,
    );
  });
  return result;
}

function listValue(items: readonly unknown[], depth: number, ancestors: object[]): LogValue[] {
  const shown = items.slice(0, MAX_ITEMS).map((item) => toLogValue(item, depth + 1, ancestors));
  return items.length > MAX_ITEMS ? [...shown, `[${items.length - MAX_ITEMS} more]`] : shown;
}

function entriesValue(entries: readonly (readonly [unknown, unknown])[], depth: number, ancestors: object[]) {
  const out: { [key: string]: LogValue } = {};
  for (const [key, item] of entries.slice(0, MAX_ITEMS)) {
    const name = typeof key === 'string' ? text(key) : JSON.stringify(toLogValue(key, depth + 1, ancestors));
    out[name] = toLogValue(item, depth + 1, ancestors);
  }
  if (entries.length > MAX_ITEMS) out['[more]'] = entries.length - MAX_ITEMS;
  return out;
}

function errorValue(error: Error, depth: number, ancestors: object[]): LogValue {
  const code = read(() => (error as { code?: unknown }).code);
  const cause = read(() => error.cause);
  return {
    name: text(String(read(() => error.name))),
    message: text(String(read(() => error.message))),
    ...(code === undefined ? {} : { code: toLogValue(code, depth + 1, ancestors) }),
    ...(cause === undefined ? {} : { cause: toLogValue(cause, depth + 1, ancestors) }),
  };
}
