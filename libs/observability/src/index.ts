// What an operator sees of one process: metrics (the registry, its figures and the scrape), the
// request scope every log line and job carries, and optional tracing. Named exports only.
export { COLLECT_TIMEOUT_MS, Metrics, type ScrapeCollector, within } from './metrics';
export { ObservabilityModule } from './observability.module';
export {
  acceptedRequestId,
  currentRequestScope,
  isSaneRequestId,
  type RequestScope,
  runInRequestScope,
} from './request-context';
export { traceHooks } from './trace-hooks';
export { startTracing, type Tracing } from './tracing';
