import { type FieldProblem, isWellFormedUnicode } from '@retrowalk/domain';

/**
 * How deep a body or query may nest. Our deepest body is two levels (an enrolment's reminder days);
 * ten leaves room to grow and keeps class-transformer and class-validator, which recurse, far from
 * the stack limit (a 16 KB body can nest 8,000 levels).
 */
export const MAX_NESTING = 10;

export type PlainDataProblem = { kind: 'not_plain' } | { kind: 'field'; problem: FieldProblem };

function fieldOf(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'body' : path.join('.');
}

/**
 * JSON.parse makes Object.prototype objects, Fastify's query and form parsers objects without one
 * (fast-querystring's prototype is an empty object without a prototype itself).
 */
function isPlainPrototype(prototype: unknown): boolean {
  if (prototype === null || prototype === Object.prototype) return true;
  return (
    typeof prototype === 'object' &&
    Object.getPrototypeOf(prototype) === null &&
    Reflect.ownKeys(prototype).length === 0
  );
}

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (!isWellFormedUnicode(text)) return 'must be valid Unicode text (it has half a surrogate pair)';
  return null;
}

/**
 * Looks at a parsed body or query before class-transformer does: it must be JSON data (plain
 * objects, arrays, strings, numbers, booleans, null; never a stream, a socket, a Buffer or a class
 * instance), nested at most MAX_NESTING deep, with no NUL or half surrogate pair in any string or
 * key (Postgres stores neither). Iterative, so no body can exhaust the stack here either.
 */
export function plainDataProblem(root: unknown, maxNesting = MAX_NESTING): PlainDataProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number')
      continue;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { kind: 'field', problem: { field: fieldOf(path), message: problem } };
      continue;
    }
    if (typeof value !== 'object') return { kind: 'not_plain' };
    const prototype: unknown = Object.getPrototypeOf(value);
    const isArray = Array.isArray(value) && prototype === Array.prototype;
    if (!isArray && !isPlainPrototype(prototype)) return { kind: 'not_plain' };
    if (path.length >= maxNesting) {
      return {
        kind: 'field',
        problem: {
          field: fieldOf(path.slice(0, 1)),
          message: `is nested more than ${maxNesting} levels deep`,
        },
      };
    }
    for (const [key, child] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) {
        return {
          kind: 'field',
          problem: { field: fieldOf(path), message: `has a field name that ${problem}` },
        };
      }
      stack.push({ value: child, path: [...path, isArray ? Number(key) : key] });
    }
  }
  return null;
}
