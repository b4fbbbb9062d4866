/* eslint-disable @typescript-eslint/no-require-imports -- OpenTelemetry is loaded only when asked for */
import { IncomingMessage } from 'node:http';
import type * as OtelApi from '@opentelemetry/api';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as HttpInstrumentation from '@opentelemetry/instrumentation-http';
import type * as IORedisInstrumentation from '@opentelemetry/instrumentation-ioredis';
import type * as PgInstrumentation from '@opentelemetry/instrumentation-pg';
import type * as Resources from '@opentelemetry/resources';
import type * as TraceNode from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '@retrowalk/config';
import type * as BullMQOtel from 'bullmq-otel';
import { traceHooks } from './trace-hooks';

export interface Tracing {
  /** Ends tracing: sends the spans still buffered. Call after the app has closed. */
  shutdown(): Promise<void>;
}

/** Spans are sent this often (the SDK's default is 5 s): a trace shows up while you still look for it. */
const EXPORT_EVERY_MS = 1000;
/**
 * BullMQ's housekeeping while a worker waits (polling for the next job, stalled-job checks, rate
 * limit waits): as root spans they would be most of what is sent and none of what anyone reads.
 * With a parent (a job's own trace) they are kept.
 */
const IDLE_QUEUE_OPERATION = /^(getNextJob|rateLimit|startStalledCheckTimer|moveStalledJobsToWait)\b/;
/** Probes and scrapes: several a minute, each its own trace, nothing to learn. */
const QUIET_PATH = /^\/(health\/|metrics(\?|$))/;

const NOT_RECORDED = '[not recorded]';

/**
 * Starts OpenTelemetry tracing when an OTLP endpoint is configured, and does nothing at all when it
 * is not: not one of the SDK, exporter, instrumentation or bullmq-otel modules is loaded. Must run
 * before pg, ioredis and the HTTP server are loaded: instrumentation patches them as they are
 * required.
 */
export function startTracing(config: TracingConfig, defaultServiceName: string): Tracing | null {
  if (config.tracesUrl === null) return null;
  const api = require('@opentelemetry/api') as typeof OtelApi;
  const { NodeTracerProvider, BatchSpanProcessor, ParentBasedSampler, AlwaysOnSampler, SamplingDecision } =
    require('@opentelemetry/sdk-trace-node') as typeof TraceNode;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof Instrumentation;
  const { HttpInstrumentation: Http } =
    require('@opentelemetry/instrumentation-http') as typeof HttpInstrumentation;
  const { PgInstrumentation: Pg } = require('@opentelemetry/instrumentation-pg') as typeof PgInstrumentation;
  const { IORedisInstrumentation: IORedis } =
    require('@opentelemetry/instrumentation-ioredis') as typeof IORedisInstrumentation;

  const parentBased = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  const sampler: TraceNode.Sampler = {
    shouldSample(context, traceId, spanName, spanKind, attributes, links) {
      if (api.trace.getSpanContext(context) === undefined && IDLE_QUEUE_OPERATION.test(spanName)) {
        return { decision: SamplingDecision.NOT_RECORD };
      }
      return parentBased.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    },
    toString: () => 'RetrowalkSampler',
  };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName ?? defaultServiceName }),
    sampler,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }), {
        scheduledDelayMillis: EXPORT_EVERY_MS,
      }),
    ],
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  registerInstrumentations({
    instrumentations: [
      new Http({
        ignoreIncomingRequestHook: (request) => QUIET_PATH.test(request.url ?? ''),
        // Participant and report addresses hold link tokens: an incoming span never keeps its path
        // or query. The route's pattern takes the path's place once Fastify has routed it.
        requestHook: (span, request) => {
          if (!(request instanceof IncomingMessage)) return;
          span.setAttribute('url.path', NOT_RECORDED);
          if ((request.url ?? '').includes('?')) span.setAttribute('url.query', NOT_RECORDED);
        },
      }),
      // Only inside a traced request or job: start-up, the watchdog and pool checks stay out. Query
      // text is TypeORM's, with $1 placeholders: values are never in it.
      new Pg({ requireParentSpan: true }),
      // The command's name only: its arguments are keys and values (job data, sessions, counters).
      new IORedis({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });

  const { BullMQOtel: Telemetry } = require('bullmq-otel') as typeof BullMQOtel;
  traceHooks.queueTelemetry = new Telemetry({ tracerName: 'bullmq' });
  traceHooks.traceId = () => api.trace.getActiveSpan()?.spanContext().traceId;
  traceHooks.nameServerSpan = (method, route) => {
    const span = api.trace.getActiveSpan();
    if (span === undefined) return;
    span.updateName(`${method} ${route}`);
    span.setAttribute('http.route', route);
    span.setAttribute('url.path', route);
  };
  return { shutdown: () => provider.shutdown() };
}
