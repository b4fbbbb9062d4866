import { z } from 'zod';

/**
 * What operators and Prometheus reach: the API's operations port (the worker's is WORKER_PORT),
 * the token that opens metrics on the public port, and the queue dashboard's two credentials.
 */
export interface OperationsConfig {
  /** The API's operations port: `/metrics` and the detailed readiness answer. */
  apiPort: number;
  /** Where both processes' operations ports listen (the API's OPS_PORT and the worker's WORKER_PORT). */
  host: string;
  /** Opens `/metrics` and the detailed readiness on the public port (`Authorization: Bearer`); null: closed. */
  metricsToken: string | null;
  /** HTTP Basic passwords of the worker's queue dashboard; null when neither is set (no dashboard). */
  dashboard: { adminPassword: string | null; viewerPassword: string | null } | null;
}

const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((n) => n >= 0 && n <= 65535, 'must be between 0 and 65535');

const password = z.string().min(16, 'must be at least 16 characters');

export const operationsSchema = {
  OPS_PORT: port.default(3002),
  OPS_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]{1,255}$/, 'must be an address such as 0.0.0.0, 127.0.0.1 or ::')
    .default('0.0.0.0'),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  DASHBOARD_ADMIN_PASSWORD: password.optional(),
  DASHBOARD_VIEWER_PASSWORD: password.optional(),
};

type Parsed = z.output<z.ZodObject<typeof operationsSchema>>;

/** The operations settings, cross-checked; a secret's value is never repeated in a problem. */
export function operationsConfigOf(e: Parsed & { PORT: number }, problems: string[]): OperationsConfig {
  if (e.OPS_PORT !== 0 && e.OPS_PORT === e.PORT) {
    problems.push('OPS_PORT: must differ from PORT (the operations port is not the public one)');
  }
  const admin = e.DASHBOARD_ADMIN_PASSWORD ?? null;
  const viewer = e.DASHBOARD_VIEWER_PASSWORD ?? null;
  if (admin !== null && admin === viewer) {
    problems.push('DASHBOARD_VIEWER_PASSWORD: must differ from DASHBOARD_ADMIN_PASSWORD');
  }
  return {
    apiPort: e.OPS_PORT,
    host: e.OPS_HOST,
    metricsToken: e.METRICS_TOKEN ?? null,
    dashboard: admin === null && viewer === null ? null : { adminPassword: admin, viewerPassword: viewer },
  };
}
