import { type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Clock } from '@retrowalk/application';
import { type AppConfig } from '@retrowalk/config';
import { ApiExceptionFilter, createValidationPipe } from '@retrowalk/http';
import { ApiModule } from './api.module';

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
    trustProxy: true,
    // Signed report links carry their parameters: longer than Fastify's default of 100.
    routerOptions: { maxParamLength: 300 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // RFC 8058 allows one-click unsubscribe as multipart/form-data as well; the body itself is not needed.
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  // A CSV import is read as a stream (never buffered into one string), so the 16 KB limit above does
  // not apply to it; the import service enforces its own limit (IMPORT_MAX_BYTES, 50 MB) as it reads.
  fastify.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));
  const clock = app.get(Clock);
  // Every request sees the current (possibly simulated) time before anything else runs.
  fastify.addHook('onRequest', async () => clock.refresh());

  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts stops on SIGTERM itself, within the grace period, exiting 0.

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
  return app;
}
