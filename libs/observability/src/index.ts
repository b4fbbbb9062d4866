// Metrics of one process: the registry, its figures and the scrape. Named exports only.
export { COLLECT_TIMEOUT_MS, Metrics, type ScrapeCollector, within } from './metrics';
export { ObservabilityModule } from './observability.module';
