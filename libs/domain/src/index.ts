// The public surface of the pure domain library: named exports only, no `export *`.
export { type FieldProblem, DomainError, type ErrorCode } from './errors';
export {
  canPause,
  canResume,
  canUnsubscribe,
  ENROLLMENT_STATUSES,
  type EnrollmentStatus,
  receivesReminders,
  statusAfterConfirmation,
} from './enrollment/enrollment-status';
export {
  isStillWanted,
  kindsStoppedByPause,
  kindsStoppedBySafetyStop,
  kindsStoppedByUnsubscribe,
  MESSAGE_KINDS,
  MESSAGE_POLICIES,
  type MessageKind,
  type MessagePolicy,
  REMINDER_STALE_AFTER_MS,
  SEND_PRIORITY,
  type SendPriority,
} from './messages/message-kind';
export {
  type BackoffPolicy,
  classifySmtpFailure,
  enhancedStatusOf,
  expiresAt,
  type FailureClass,
  FINAL_STATUSES,
  hasExpired,
  isFinalStatus,
  type MessageStatus,
  rescheduleDelayMs,
  type SmtpFailure,
  smtpFailureClassOf,
  smtpQueueIdOf,
  type SmtpVerdict,
  UNFINISHED_STATUSES,
} from './messages/delivery';
export {
  type BounceType,
  type DeliveryEventSource,
  type DeliveryEventType,
  type DeliveryReport,
  messageRowIdOf,
  type ParseResult,
  verpAddressOf,
} from './deliverability/delivery-report';
export {
  actionForSuppressedAddress,
  type AddressEvent,
  SOFT_BOUNCE_WINDOW_MS,
  SOFT_BOUNCES_TO_SUPPRESS,
  type SuppressedAddressAction,
  SUPPRESSION_REASONS,
  type SuppressionReason,
  suppressionReasonFor,
} from './deliverability/address-suppression';
export {
  coachAlertRoute,
  type UndeliverableCause,
  type UndeliverableItem,
  undeliverableItemFor,
} from './deliverability/undeliverable';
export { MAX_EVENTS_PER_REQUEST, parseGenericEvents } from './deliverability/generic-email-event';
export {
  isSnsCertificateUrl,
  isSnsSubscribeUrl,
  parseSesNotification,
  parseSnsEnvelope,
  type SnsEnvelope,
  snsStringToSign,
} from './deliverability/ses-notification';
export { parsePostmarkEvent } from './deliverability/postmark-event';
export { parseSendGridEvents } from './deliverability/sendgrid-event';
export { parseDeliveryStatusNotification } from './deliverability/dsn-report';
export {
  constantTimeEqual,
  isFreshTimestamp,
  retrowalkSignature,
  SIGNED_REQUEST_TOLERANCE_MS,
  verifyBasicAuth,
  verifyRetrowalkSignature,
  verifySendGridSignature,
  verifySnsSignature,
} from './deliverability/webhook-signatures';
export { describeLevel, describeLocalDate, describeReminderSchedule } from './messages/wording';
export { mailHeaderNameProblem } from './names/mail-header-name';
export { isWellFormedUnicode, nameProblem } from './names/name-text';
export { AUDIENCES, type Audience, isAudience } from './programme/audience';
export { DEFAULT_PROGRAMME_CONFIG, type ProgrammeConfig } from './programme/config';
export {
  assertValidCheckInReport,
  type CheckInReport,
  checkInReportIssues,
  FOLLOW_UP_ANSWERS,
  type FollowUpAnswer,
  InvalidCheckInError,
  PAIN_TYPES,
  type PainType,
  type PastSession,
  type Resistance,
} from './check-ins/check-in';
export { levelAfterClearance } from './check-ins/clearance';
export { decideAfterCheckIn } from './check-ins/decide';
export { redFlagsIn } from './check-ins/red-flags';
export {
  CHECK_IN_DAYS_BACK,
  type CheckInDayChoice,
  checkInDayChoices,
  loggableDays,
  walkTimeForDay,
} from './check-ins/check-in-day';
export {
  type Decision,
  type DecisionAction,
  type OutcomeRuleId,
  type RuleHit,
  type RuleId,
} from './check-ins/decision';
export { decideAfterFollowUp, type FollowUpRedFlags } from './check-ins/follow-up';
export { isProgrammeComplete, reEngagementDueAt } from './programme/engagement';
export {
  type DecisionForSummary,
  describeWeekForChart,
  type SessionForSummary,
  summariseWeek,
  type WeekSetbacks,
  type WeekSummary,
} from './programme/weekly-summary';
export {
  describeSessions,
  weeklySummaryWords,
  type WeeklySummaryWords,
} from './programme/weekly-summary-wording';
export { SUPPORT_ADVICE_TEXT, type SupportAdvice, supportFor } from './programme/support';
export { FIRST_LEVEL, getLevel, PROGRAMME_LEVELS, type ProgrammeLevel, TOP_LEVEL } from './programme/levels';
export {
  SAFETY_BASICS,
  SAFETY_STOP,
  SAFETY_STOP_ADVICE,
  type SafetyBasic,
  safetyPointForDay,
} from './programme/safety';
export {
  type AfterCheckInWords,
  type FiredRule,
  holdWords,
  redFlagFacts,
  stopWords,
} from './check-ins/after-check-in-words';
export {
  addDays,
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  type LocalDate,
  localParts,
  type LocalTime,
  type Weekday,
  WEEKDAYS,
  weekdayOf,
  zonedTimeToInstant,
} from './schedule/local-time';
export { canonicalTimeZone } from './schedule/time-zone-name';
export { parseInstant } from './schedule/instant';
export {
  DEFAULT_QUIET_HOURS,
  isWithinQuietHours,
  nextLocalTimeAfter,
  type QuietHours,
  releaseFromQuietHours,
} from './schedule/quiet-hours';
export {
  nextReminderOccurrence,
  reminderDedupeKey,
  type ReminderOccurrence,
  type ReminderSchedule,
} from './schedule/reminder-schedule';
export {
  assessScreening,
  NOTHING_TO_REPORT,
  type Screening,
  SCREENING_FIELDS,
  type ScreeningReason,
  screeningReasonText,
} from './screening/screening';
export {
  ERASED_EMAIL_DOMAIN,
  ERASED_REASON,
  ERASED_TIMEZONE,
  erasedEmailFor,
  isErased,
} from './data-rights/erasure';
export { EXPORT_FORMAT, type ExportDocument, exportFileName } from './data-rights/export-document';
export { CsvFormatError, CsvReader, type CsvRecord, MAX_RECORD_CHARS } from './imports/csv-reader';
export {
  emailKey,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportedEnrollment,
  type ImportHeader,
  type ImportRowData,
  type ImportRowResult,
  type ImportRowRules,
  parseReminderDays,
  readImportHeader,
  REQUIRED_IMPORT_COLUMNS,
  rowDataOf,
  validateImportRow,
} from './imports/import-row';
export {
  DEFAULT_CONFIRMATIONS_PER_MINUTE,
  MAX_CONFIRMATIONS_PER_MINUTE,
  MIN_CONFIRMATIONS_PER_MINUTE,
  type PacePlan,
  type PaceRequest,
  planConfirmations,
} from './imports/confirmation-pace';
export { adherencePercent, daysBetween, expectedSpan, plannedSessions } from './reports/adherence';
export {
  COHORT_GROUPINGS,
  type CohortGrouping,
  type CohortQuery,
  MAX_REPORT_DAYS,
  parseCohortQuery,
  type RawCohortQuery,
} from './reports/cohort-query';
export {
  buildCohortReport,
  COHORT_METRICS,
  type CohortGroupFacts,
  type CohortMetric,
  type CohortReport,
  type CohortRow,
  type OutcomeSection,
  type PlanFacts,
  RETENTION_WEEKS,
  totalOf,
} from './reports/cohort-report';
export {
  emptyOutcomeFacts,
  OUTCOME_CHANGE_METRICS,
  OUTCOME_METRICS,
  type OutcomeCells,
  type OutcomeMetric,
  type OutcomeRow,
  type OutcomeTimepointFacts,
  type ValueCount,
} from './reports/outcome-report';
export {
  type ActivityScore,
  GLOBAL_CHANGE_ANSWERS,
  GLOBAL_CHANGE_LABELS,
  type GlobalChange,
  globalChangeScore,
  isGlobalChange,
  MAX_ACTIVITIES,
  MAX_ACTIVITY_LENGTH,
  type OutcomeAnswer,
  type RawOutcomeAnswer,
  readActivityName,
  readOutcomeAnswer,
} from './outcomes/outcome-answer';
export { OUTCOME_ATTENTION_PAIN, outcomeAttentionRules } from './outcomes/outcome-attention';
export {
  BASELINE_AFTER_WELCOME_MS,
  BASELINE_WINDOW_DAYS,
  countsAsBaseline,
  DEFAULT_OUTCOME_SETTINGS,
  isOutcomeTimepoint,
  OUTCOME_CHECK_OPEN_DAYS,
  OUTCOME_REMINDER_AFTER_DAYS,
  OUTCOME_TIMEPOINTS,
  OUTCOME_WEEK_LIMITS,
  outcomeCheckDedupeKey,
  type OutcomeCheckState,
  outcomeCheckState,
  outcomeObservationWeeks,
  type OutcomeSettings,
  outcomeTimepointLabel,
  type OutcomeTimepoint,
  outcomeWeeksProblems,
  parseOutcomeCheckDedupeKey,
  type PlannedOutcomeCheck,
  planOutcomeChecks,
  weekOfTimepoint,
} from './outcomes/outcome-schedule';
export {
  type ActivityChange,
  compareWithBaseline,
  FUNCTION_RESPONDER_POINTS,
  isFunctionResponder,
  isPainResponder,
  meanOfCounts,
  medianOfCounts,
  type OutcomeChange,
  PAIN_RESPONDER_PERCENT,
  PAIN_RESPONDER_POINTS,
  psfsSixths,
  roundedRatio,
  type ScoredCheck,
  sixthsToPoints,
} from './outcomes/outcome-scoring';
export { describeOwnOutcome, type OwnOutcomeWords } from './outcomes/outcome-wording';
export {
  blocksInPeriod,
  type EnrolmentBlock,
  type EnrolmentWeek,
  poolEnrolmentWeeks,
  weekStartOf,
} from './reports/enrolment-blocks';
export {
  isTooSmall,
  NO_DATA,
  type RawCell,
  type ReportCell,
  suppressCell,
  SUPPRESSED,
  suppressedIndexes,
  suppressLinked,
  SUPPRESSION_THRESHOLD,
} from './reports/suppression';
export {
  ATTENTION_KINDS,
  ATTENTION_STATUSES,
  type AttentionKind,
  type AttentionStatus,
  isAttentionKind,
  isTimedAttentionKind,
  TIMED_ATTENTION_KINDS,
  type TimedAttentionKind,
  urgencyOf,
} from './attention/attention-kind';
export {
  type AttentionChanges,
  type AttentionEvent,
  type AttentionEventType,
  attentionChanges,
  type ClearedBy,
  FOLLOW_UP_UNANSWERED_AFTER_MS,
  followUpUnansweredDueAt,
  inactiveDueAt,
} from './attention/attention-rules';
export {
  CLEARANCE_POLICIES,
  type ClearancePolicy,
  DEFAULT_CLEARANCE_POLICY,
  isClearancePolicy,
  participantStatementOutcome,
} from './check-ins/clearance-policy';
export { describeRuleForCoach } from './messages/coach-wording';
export { type CursorValue, decodeCursor, encodeCursor } from './paging/cursor';
export { compareKeys, pageAfter, type SortDirection } from './paging/keyset';
