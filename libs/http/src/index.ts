export {
  ApiExceptionFilter,
  type ErrorBody,
  STATUS_OF,
  toErrorResponse,
} from './errors/api-exception.filter';
export { answerClientError } from './errors/client-error';
export { answerFrameworkError } from './errors/framework-error';
export { HealthModule } from './health/health.module';
export { ShutdownSignal } from './health/shutdown-signal';
export { JsonLogger, redact } from './logging/json-logger';
export { installRequestTracking, REQUEST_ID_HEADER, requestIdOf } from './logging/request-tracking';
export { Accepts } from './bodies/accepts.decorator';
export { installBodyHandling } from './bodies/body-handling';
export { CSV_BODY, FORM_BODY, JSON_BODY, ONE_CLICK_BODY } from './bodies/media-types';
export { MAX_NESTING } from './validation/plain-data';
export { createValidationPipe } from './validation/validation.pipe';
export {
  IsInstant,
  IsLocalTime,
  IsMailHeaderName,
  IsName,
  IsTimeZone,
  NoLineBreaks,
} from './validation/validators';
export {
  type ActionPageModel,
  type CheckInFormPageModel,
  renderActionPage,
  renderCheckInFormPage,
  renderLinkProblemPage,
  renderResultPage,
  type ResultPageModel,
  type ResultTone,
} from './pages';
export { type OutcomeCheckPageModel, renderOutcomeCheckPage } from './pages';
export {
  type DataRightsPageModel,
  type EraseConfirmPageModel,
  renderDataRightsPage,
  renderEraseConfirmPage,
} from './pages';
export { cohortReportCsv, cohortReportFilename } from './reports/cohort-report-csv';
export { type CohortReportPageModel, renderCohortReportPage } from './reports/cohort-report-page';
export {
  type OutcomeCheckColumnView,
  type OutcomeChecksFragmentModel,
  renderOutcomeChecksFragment,
} from './outcomes/outcome-checks-fragment';
export { Readiness, type ReadinessReport } from './health/readiness';
export { bearerMatches, sameSecret } from './health/operator-access';
export { installHttpMetrics } from './operations/http-metrics';
export { createOperationsServer, type OperationsServer } from './operations/operations-server';
export { pageStyleHashes } from './pages/page-style-hashes';
