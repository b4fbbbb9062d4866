export {
  type AppConfig,
  type LogLevel,
  ConfigError,
  LOG_LEVELS,
  loadConfig,
  loadConfigFromEnvironment,
} from './app-config';
export { APP_CONFIG, ConfigModule } from './config.module';
export { type DeliverabilityConfig } from './deliverability-config';
export { type OperationsConfig } from './operations-config';
export { type TracingConfig } from './tracing-config';
export { type LimitsConfig } from './limits-config';
