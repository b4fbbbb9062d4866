import type { Telemetry } from 'bullmq';

/**
 * What the rest of the code may ask of tracing without loading OpenTelemetry: every hook is a no-op
 * until `startTracing` (only when an OTLP endpoint is configured) fills it in. Libraries read these;
 * none of them imports an OpenTelemetry package.
 */
interface TraceHooks {
  /** The trace id of the active span, for log lines. */
  traceId(): string | undefined;
  /** Names the HTTP server span after the route pattern (`POST /v1/enrollments`), never the raw URL. */
  nameServerSpan(method: string, route: string): void;
  /** BullMQ's telemetry (spans for add and process, and the trace context carried in each job). */
  queueTelemetry: Telemetry | undefined;
}

export const traceHooks: TraceHooks = {
  traceId: () => undefined,
  nameServerSpan: () => undefined,
  queueTelemetry: undefined,
};
