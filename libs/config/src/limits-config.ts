import { isIP } from 'node:net';
import { z } from 'zod';

/** Rate limits, whose proxy is believed about the client's address, and whether /docs is served. */
export interface LimitsConfig {
  /** Requests per minute per caller, counted in Redis so every API process shares one count. */
  rateLimits: {
    /** Any other route: per API key on /v1, per session in the workspace, else per address. */
    perMinute: number;
    /** Cohort reports, report links and exports: each one reads a lot. */
    reportsPerMinute: number;
    /** Participant pages, sign-in and the delivery-event webhooks: per client address. */
    pagesPerMinute: number;
  };
  /**
   * Fastify's `trustProxy`: false believes no `X-Forwarded-For` (the socket's address is the
   * client); a hop count believes that many proxies in front; a list believes only those addresses.
   */
  trustProxy: false | number | string[];
  /** Serve the OpenAPI document and Swagger UI at /docs and /docs-json. */
  apiDocs: boolean;
}

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

export const limitsSchema = {
  RATE_LIMIT_PER_MINUTE: whole(1, 1_000_000).default(600),
  RATE_LIMIT_REPORTS_PER_MINUTE: whole(1, 1_000_000).default(30),
  RATE_LIMIT_PAGES_PER_MINUTE: whole(1, 1_000_000).default(60),
  // Checked by trustProxyOf, which explains what each form means.
  TRUST_PROXY: z.string().optional(),
  API_DOCS: z.enum(['enabled', 'disabled']).optional(),
};

type Parsed = z.output<z.ZodObject<typeof limitsSchema>>;

// proxy-addr's names for address ranges, which Fastify's trustProxy understands too.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function limitsConfigOf(
  e: Parsed,
  nodeEnv: 'development' | 'test' | 'production',
  problems: string[],
): LimitsConfig {
  return {
    rateLimits: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      reportsPerMinute: e.RATE_LIMIT_REPORTS_PER_MINUTE,
      pagesPerMinute: e.RATE_LIMIT_PAGES_PER_MINUTE,
    },
    trustProxy: trustProxyOf(e.TRUST_PROXY, problems),
    // The document lists every route and field: public in development, opt-in in production.
    apiDocs: (e.API_DOCS ?? (nodeEnv === 'production' ? 'disabled' : 'enabled')) === 'enabled',
  };
}

function trustProxyOf(value: string | undefined, problems: string[]): LimitsConfig['trustProxy'] {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === 'off' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) problems.push(`TRUST_PROXY "${value}": a hop count must be between 0 and 10`);
    return hops;
  }
  if (text === 'true' || text === 'all') {
    problems.push(
      `TRUST_PROXY "${value}": believing every X-Forwarded-For lets any client choose its address; ` +
        'give the number of proxies in front (e.g. 1) or their addresses',
    );
    return false;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY "${value}": must be off, a hop count such as 1, or addresses and CIDR ranges separated ` +
        `by commas (e.g. 10.0.0.0/8,127.0.0.1; or loopback, linklocal, uniquelocal); not "${bad[0]}"`,
    );
    return false;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
