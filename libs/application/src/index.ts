export { ApplicationModule } from './application.module';
export { type CheckInOutcome, type CheckInResult, CheckInService } from './check-ins/check-in.service';
export { CheckInDaysService } from './check-ins/check-in-days.service';
export { type TimelineEvent, TimelineService } from './check-ins/timeline.service';
export { Clock, SystemClock, TestClock } from './clock/clock';
export {
  type EnrollInput,
  type EnrollmentUpdate,
  EnrollmentService,
  type EnrollmentView,
  type LinkOutcome,
} from './enrollments/enrollment.service';
export { ReminderPlanner } from './enrollments/reminder-planner';
export {
  LINK_PURPOSES,
  type LinkPurpose,
  LinkService,
  type OutcomeLinkPurpose,
  REPORT_LINK_SECONDS,
  type ReportLinkClaims,
} from './links/link.service';
export { type DispatchResult, DispatchService } from './messages/dispatch.service';
export { DispatchWatchdog } from './messages/dispatch-watchdog';
export { MessageComposer } from './messages/message-composer';
export { SendMessageService } from './messages/send-message.service';
export {
  type AuthenticatedCaller,
  defaultReminderOf,
  hashApiKey,
  type IssuedApiKey,
  organizationDisplayName,
  OrganizationService,
  type OrganizationSettingsChange,
  quietHoursOf,
} from './organizations/organization.service';
export { OrganizationPolicies } from './organizations/organization-policies';
export { TestClockService } from './test-clock/test-clock.service';
export { listenOnPort, PortUnavailableError } from './bootstrap/listen-on-port';
export { prepareInfrastructure } from './bootstrap/prepare-infrastructure';
export { reportStartFailure } from './bootstrap/report-start-failure';
export { stopOnSignal, type StopOptions } from './bootstrap/stop-on-signal';
export { CoreModule } from './core.module';
export {
  type DataExport,
  type DataRightsActor,
  DataRightsService,
  type DataSubject,
  type ErasureResult,
} from './data-rights/data-rights.service';
export { type ExportSource, toExportDocument } from './data-rights/export-document';
export {
  IMPORT_BATCH_ROWS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportErrorsPage,
  ImportService,
} from './imports/import.service';
export { CohortReportService } from './reports/cohort-report.service';
export { OutcomeCheckPlanner } from './outcomes/outcome-check-planner';
export {
  type OutcomeAnswerResult,
  type OutcomeCheckPage,
  OutcomeCheckService,
} from './outcomes/outcome-check.service';
export { type OutcomeForEmail, OutcomeSummaryService } from './outcomes/outcome-summary.service';
export { type OutcomeCheckColumn, type OutcomeChecksView } from './outcomes/outcome-views';
export { outcomeSettingsOf } from './outcomes/outcome-settings';
export {
  type AttentionListItem,
  type AttentionMoments,
  type AttentionPage,
  AttentionService,
} from './attention/attention.service';
export {
  type ClearanceActor,
  ClearanceService,
  type ParticipantClearance,
} from './check-ins/clearance.service';
export {
  type EnrollmentFilters,
  type EnrollmentListEntry,
  type EnrollmentListPage,
  EnrollmentListService,
} from './enrollments/enrollment-list.service';
export { MemberMailComposer } from './members/member-mail.composer';
export { INVITE_LINK_MS, MemberService, type MembersPage } from './members/member.service';
export { SESSION_IDLE_MS, SessionService, type SignedInMember } from './members/session.service';
export {
  type LinkState,
  type SignedIn,
  SIGN_IN_LINK_MS,
  SIGN_IN_LINKS_PER_WINDOW,
  SIGN_IN_REQUEST_FLOOR_MS,
  SignInService,
} from './members/sign-in.service';
export { sha256, SignInTokens } from './members/sign-in-tokens';
export { actorColumns, type StaffActor } from './members/staff-actor';
export { COACH_NOTE_MAX_LENGTH, CoachNoteService } from './participants/coach-note.service';
export { type ParticipantStory, ParticipantStoryService } from './participants/participant-story.service';
export {
  type AddressProblem,
  DeliverabilityService,
  type ProblemMessage,
  type Recipient,
} from './deliverability/deliverability.service';
export {
  type Deliverability,
  SuppressionService,
  type SuppressionPage,
} from './deliverability/suppression.service';
export { AddressChangeService } from './enrollments/address-change.service';
export {
  EmailEventsService,
  type EventsOutcome,
  type IncomingEvents,
} from './deliverability/email-events.service';
