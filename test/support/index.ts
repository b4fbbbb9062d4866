export { freePort, type HarnessOptions, type HttpResult, RetrowalkHarness } from './retrowalk-harness';
export { type ReceivedEmail, SmtpSink } from '../../scripts/support/smtp-sink';
export { createTestDatabase, type TestDatabase, uniqueRedisPrefix } from './test-database';
export { CLEAN_WALK, enrollmentBody, linkIn } from './fixtures';
export { OwnRedis } from './own-redis';
export {
  CHROMIUM_PATH,
  launchChromium,
  PHONE_VIEWPORT,
  phonePage,
} from '../../scripts/support/phone-browser';
export { type PageResult, WorkspaceBrowser } from './workspace-browser';
