import fastifyHelmet from '@fastify/helmet';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply } from 'fastify';
import { type AppConfig } from '@retrowalk/config';
import { pageStyleHashes } from '@retrowalk/http';

type Directives = Record<string, string[]>;

/**
 * The policy of every page we render. Nothing inline runs: the workspace loads its script and
 * stylesheet from /coach/assets, and the participant, outcome and report pages carry one inline
 * `<style>` each, allowed by its hash (no other inline style, no script at all). Forms post only to
 * us, no one may frame us (clickjacking a "stop my reminders" button), no `<base>` or plugins.
 */
export function pagePolicy(https: boolean): Directives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...pageStyleHashes()],
    'img-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'object-src': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Swagger UI's own policy: its scripts are files (the init script too), but it writes `<style>`
 * elements and style attributes as it renders, and shows its icons as data: images. Inline style
 * cannot run code and this page holds no one's data, so 'unsafe-inline' for style is the price of
 * the page working; script stays 'self' only, and every other rule is the pages' one.
 */
export function docsPolicy(https: boolean): Directives {
  return {
    ...pagePolicy(https),
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    // "Try it out" calls the API from the page.
    'connect-src': ["'self'"],
  };
}

const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs-');

/**
 * Security headers on every answer (helmet), with the Content-Security-Policy above. Register before
 * any route (Swagger's included): routes under /docs get the docs policy as they are added.
 */
export async function installSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const https = config.publicBaseUrl.startsWith('https:');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (!isDocs(route.url ?? route.path ?? '')) return;
    // Read by helmet's own onRoute hook, which runs after this one (added before the plugin).
    route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: docsPolicy(https) } };
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: pagePolicy(https) },
    // Participant links carry their signed token in the path: never send it to another site.
    referrerPolicy: { policy: 'no-referrer' },
    // Only an https deployment may pin browsers to https (a plain-http one would lock itself out).
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    // Our pages open nothing cross-origin, and nothing of ours is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/**
 * Fastify's router answers a malformed address (`frameworkErrors`) before any hook runs, so helmet
 * never sees it: such answers get the essentials from here.
 */
export function setEssentialSecurityHeaders(reply: FastifyReply, config: AppConfig): void {
  const policy = Object.entries(pagePolicy(config.publicBaseUrl.startsWith('https:')))
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
  void reply
    .header('content-security-policy', policy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}
