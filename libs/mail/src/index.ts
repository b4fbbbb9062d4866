// Public surface of the mail library. Named exports only; add new ones to this list.
export { escapeHref, escapeHtml, type HrefKind } from './templates/escape';
export { type CalloutTone, type EmailBlock } from './templates/email-blocks';
export {
  renderEmail,
  subjectLine,
  type EmailContent,
  type EmailFooter,
  type RenderedEmail,
} from './templates/email-layout';
export { renderConfirmEmail, type ConfirmEmailModel } from './templates/confirm-email';
export { renderAddressConfirmEmail, type AddressConfirmEmailModel } from './templates/address-confirm-email';
export { renderWelcomeEmail, type WelcomeEmailModel } from './templates/welcome-email';
export { renderReminderEmail, type ReminderEmailModel } from './templates/reminder-email';
export {
  type AcceptedEmail,
  EmailRepository,
  MailDeliveryError,
  type NamedAddress,
  type OutgoingEmail,
} from './transport/email.repository';
export { MailModule } from './transport/mail.module';
export { renderSafetyStopEmail, type SafetyStopEmailModel } from './templates/safety-stop-email';
export { renderCoachAlertEmail, type CoachAlertEmailModel } from './templates/coach-alert-email';
export { renderProgressionEmail, type ProgressionEmailModel } from './templates/progression-email';
export { renderPainFollowUpEmail, type PainFollowUpEmailModel } from './templates/pain-follow-up-email';
export { renderResumedEmail, type ResumedEmailModel } from './templates/resumed-email';
export { renderReEngagementEmail, type ReEngagementEmailModel } from './templates/re-engagement-email';
export { renderCompletionEmail, type CompletionEmailModel } from './templates/completion-email';
export { type OutcomeChangeWords } from './templates/outcome-change-blocks';
export { renderOutcomeCheckEmail, type OutcomeCheckEmailModel } from './templates/outcome-check-email';
export { renderOutcomeResultsEmail, type OutcomeResultsEmailModel } from './templates/outcome-results-email';
export { renderWeeklySummaryEmail, type WeeklySummaryEmailModel } from './templates/weekly-summary-email';
export { renderWeeklyChartPng, WEEKLY_CHART_DISPLAY_WIDTH, type WeeklyChartDay } from './charts/weekly-chart';
export {
  type ClearanceNoticeEmailModel,
  renderClearanceNoticeEmail,
} from './templates/clearance-notice-email';
export { type MemberInviteEmailModel, renderMemberInviteEmail } from './templates/member-invite-email';
export { renderSignInEmail, type SignInEmailModel } from './templates/sign-in-email';
export { SnsRepository } from './providers/sns.repository';
