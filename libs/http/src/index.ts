export {
  ApiExceptionFilter,
  type ErrorBody,
  STATUS_OF,
  toErrorResponse,
} from './errors/api-exception.filter';
export { HealthModule } from './health/health.module';
export { JsonLogger, redact } from './logging/json-logger';
export { createValidationPipe } from './validation/validation.pipe';
export { IsLocalTime, IsTimeZone, NoLineBreaks } from './validation/validators';
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
  OUTCOME_CHECKS_STYLE,
  type OutcomeChecksFragmentModel,
  renderOutcomeChecksFragment,
} from './outcomes/outcome-checks-fragment';
