import { type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Clock } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import {
  answerClientError,
  answerFrameworkError,
  ApiExceptionFilter,
  createValidationPipe,
  installBodyHandling,
  installHttpMetrics,
  installRequestTracking,
  requestIdOf,
} from '@retrowalk/http';
import { Metrics } from '@retrowalk/observability';
import { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiModule } from './api.module';
import { registerEmailEventsBodies } from './deliverability/email-events-body';
import { installSecurityHeaders, setEssentialSecurityHeaders } from './headers/install-security-headers';
import { installRateLimits } from './limits/install-rate-limits';

// Enrolment bodies are well under 2 KB; anything this large is a mistake or an attack.
const BODY_LIMIT_BYTES = 16 * 1024;

/** Builds the HTTP app (not listening yet), for `main.ts` and for tests alike. */
export async function createApiApp(
  config: AppConfig,
  logger: LoggerService,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // The whole request must arrive in time: a slow client holds a socket (and, for an upload, a
    // pooled database connection) no longer than this.
    requestTimeout: config.httpRequestTimeoutMs,
    connectionTimeout: config.httpRequestTimeoutMs,
    // Whose X-Forwarded-For is believed (TRUST_PROXY): by default no one's, since a client could
    // otherwise name any address it likes and get a fresh rate-limit bucket with each.
    trustProxy: trustProxyOf(config.limits.trustProxy),
    // Signed report links carry their parameters: longer than Fastify's default of 100.
    routerOptions: { maxParamLength: 300 },
    // What Node's HTTP parser or Fastify's router refuses before any route runs (bad framing,
    // oversized headers, an address that is not UTF-8) gets the one error shape too.
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      setEssentialSecurityHeaders(reply, config);
      answerFrameworkError(error, request, reply);
    },
    // The caller's X-Request-Id when sane, else a new UUID (see installRequestTracking).
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // First of all: every answer, even a refusal from the hooks below, carries the request id.
  installRequestTracking(fastify);
  // Durations by route pattern, for every answer, refusals by the body handling included.
  installHttpMetrics(fastify, app.get(Metrics));
  // Then headers on every answer (a 429 and a 415 included), then the limits, so a caller past its
  // limit costs no parsing, guard or query.
  await installSecurityHeaders(app, config);
  await installRateLimits(app, config, logger);
  // Before any parser: a body a route does not take is refused (415) before any parser reads it.
  installBodyHandling(fastify);
  // Delivery events from providers and MTAs: raw bytes (for their signatures) under tight limits.
  registerEmailEventsBodies(fastify);
  const clock = app.get(Clock);
  // Every request sees the current (possibly simulated) time before anything else runs.
  fastify.addHook('onRequest', async () => clock.refresh());

  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts stops on SIGTERM itself, within the grace period, exiting 0.

  if (config.limits.apiDocs) setUpApiDocs(app);
  return app;
}

/** The OpenAPI document at /docs-json and Swagger UI at /docs (API_DOCS; off in production). */
function setUpApiDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Retrowalk API')
      .setDescription(
        'Enrol participants in a retro walking (walking backwards) programme and follow their progress. ' +
          'Authenticate with your organisation API key: `Authorization: Bearer <key>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}

/** A hop count as Fastify itself turns one into a rule (Nest's adapter types take no number). */
function trustProxyOf(setting: AppConfig['limits']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}
