import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { type LimitsConfig } from '@retrowalk/config';
import { readCookies, SESSION_COOKIE } from '../workspace/auth/cookies';

/** Which budget a request spends: each has its own per-minute limit (see LimitsConfig). */
export type LimitClass = 'default' | 'reports' | 'pages';

/**
 * Routes that read a whole cohort or a whole person: far dearer than the rest, so a lower limit.
 * Matched by route pattern (what Fastify routed to), so `/v1/reports/%63ohort` cannot dodge it.
 */
const REPORT_ROUTES = new Set([
  '/v1/reports/cohort',
  '/v1/reports/cohort/link',
  '/v1/enrollments/:id/export',
  '/r/:token',
  '/coach/reports/open',
]);

// Reached by anyone holding a link, or by anyone at all: there is no key to count by, only the
// address. Sign-in mails a link, so it is kept low too; so are the providers' webhooks.
const PAGE_PREFIXES = ['/p/', '/r/', '/coach/sign-in', '/v1/email-events'];

/**
 * The budget a request spends, or null when it spends none: health checks (load balancers and
 * orchestrators poll them) and the test clock (tests walk it thousands of times; never in production).
 * `route` is the matched route pattern, null when nothing matched (a 404 still counts).
 */
export function limitClassOf(route: string | null, path: string): LimitClass | null {
  const at = route ?? path;
  if (at === '/health' || at.startsWith('/health/')) return null;
  if (at === '/v1/test-clock') return null;
  if (REPORT_ROUTES.has(at)) return 'reports';
  if (PAGE_PREFIXES.some((prefix) => at.startsWith(prefix) || at === prefix.replace(/\/$/, ''))) {
    return 'pages';
  }
  return 'default';
}

export function limitOf(limitClass: LimitClass, limits: LimitsConfig['rateLimits']): number {
  switch (limitClass) {
    case 'default':
      return limits.perMinute;
    case 'reports':
      return limits.reportsPerMinute;
    case 'pages':
      return limits.pagesPerMinute;
  }
}

export interface Caller {
  path: string;
  /** The client address as Fastify sees it (after TRUST_PROXY). */
  ip: string;
  authorization: string | undefined;
  cookie: string | undefined;
}

/**
 * Who is counted: the API key on /v1, the member's session in the workspace, otherwise (and
 * always for pages) the client address. Keys and sessions are hashed: the Redis key must never
 * hold a credential. The class is part of the key, so each budget counts on its own.
 */
export function rateLimitKeyOf(limitClass: LimitClass, caller: Caller): string {
  if (limitClass !== 'pages') {
    if (caller.path.startsWith('/v1/')) {
      const bearer = /^Bearer\s+(\S{1,500})$/i.exec(caller.authorization ?? '')?.[1];
      if (bearer !== undefined) return `${limitClass}:key:${digest(bearer)}`;
    } else if (caller.path === '/coach' || caller.path.startsWith('/coach/')) {
      const session = readCookies(caller.cookie).get(SESSION_COOKIE);
      if (session !== undefined) return `${limitClass}:session:${digest(session)}`;
    }
  }
  return `${limitClass}:${scopeOf(limitClass, caller.path)}addr:${addressBucket(caller.ip)}`;
}

// The page budgets of one address are kept apart, so a clinic's participants opening their links
// do not lock its coaches out of signing in, nor a flood of webhooks either of them.
function scopeOf(limitClass: LimitClass, path: string): string {
  if (limitClass !== 'pages') return '';
  if (path.startsWith('/coach/')) return 'sign-in:';
  if (path.startsWith('/v1/')) return 'email-events:';
  return 'links:';
}

export function limitClassOfKey(key: string): LimitClass {
  const head = key.slice(0, key.indexOf(':'));
  return head === 'reports' || head === 'pages' ? head : 'default';
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 32);
}

/**
 * IPv4 as it is; an IPv4-mapped IPv6 address as its IPv4; other IPv6 by its /64, the block one
 * subscriber usually holds (otherwise one home network would have 2^64 fresh buckets).
 */
export function addressBucket(ip: string): string {
  const address = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
