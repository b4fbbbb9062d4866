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
export { type LimitsConfig } from './limits-config';
