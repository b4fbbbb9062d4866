export { freePort, type HarnessOptions, type HttpResult, RetrowalkHarness } from './retrowalk-harness';
export {
  type DataVerdict,
  type ReceivedEmail,
  type SmtpBehaviour,
  type SmtpRefusal,
  SmtpSink,
} from '../../scripts/support/smtp-sink';
export {
  ADMIN_DATABASE_URL,
  createTestDatabase,
  type TestDatabase,
  uniqueRedisPrefix,
  withAdmin,
} from './test-database';
export { CLEAN_WALK, enrollmentBody, linkIn } from './fixtures';
export { OwnRedis } from './own-redis';
export { type Box, boxesOf } from './page-boxes';
export {
  CHROMIUM_PATH,
  launchChromium,
  PHONE_VIEWPORT,
  phonePage,
} from '../../scripts/support/phone-browser';
export { AppProcess, type AppName, type Exit } from './app-process';
export { TcpProxy } from './tcp-proxy';
export { copiesByRow, type MessageRow, messageRows, rowIdOf } from './delivery-audit';
export { nestRoutes, type NestRoute } from './nest-routes';
export { type RawRequest, type RawResponse, sendRaw } from './raw-http';
export {
  authorizations,
  type BodyKind,
  extraHeaders,
  hostileBody,
  type HostileBody,
  hostilePathValues,
  methods,
  type Sample,
} from './hostile-input';
export { type PageResult, WorkspaceBrowser } from './workspace-browser';
export { hasMetric, metricValue, type Sample as MetricSample, samplesOf } from './prometheus-text';
export { dropRedisKeys } from './redis-keys';
