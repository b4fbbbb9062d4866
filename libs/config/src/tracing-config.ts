import { z } from 'zod';

/** OpenTelemetry tracing: off (nothing loaded) unless an OTLP endpoint is set. */
export interface TracingConfig {
  /** Where spans are sent (OTLP over HTTP, JSON): `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`; null: off. */
  tracesUrl: string | null;
  /** The `service.name` on every span; null: `retrowalk-api` or `retrowalk-worker`. */
  serviceName: string | null;
}

// The standard OpenTelemetry names, so a collector set up for other services is pointed at the same way.
export const tracingSchema = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be the OTLP/HTTP base URL of a collector, such as http://otel-collector:4318')
    .optional(),
  OTEL_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"')
    .optional(),
};

type Parsed = z.output<z.ZodObject<typeof tracingSchema>>;

export function tracingConfigOf(e: Parsed): TracingConfig {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    // As the OpenTelemetry specification says for this variable: the signal's path is appended.
    tracesUrl: base === undefined ? null : `${base}/v1/traces`,
    serviceName: e.OTEL_SERVICE_NAME ?? null,
  };
}
