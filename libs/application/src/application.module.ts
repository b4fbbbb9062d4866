import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { ClockRepository } from '@retrowalk/persistence';
import { CheckInDaysService } from './check-ins/check-in-days.service';
import { CheckInService } from './check-ins/check-in.service';
import { TimelineService } from './check-ins/timeline.service';
import { Clock, SystemClock, TestClock } from './clock/clock';
import { EnrollmentService } from './enrollments/enrollment.service';
import { ReminderPlanner } from './enrollments/reminder-planner';
import { LinkService } from './links/link.service';
import { DispatchNudge } from './messages/dispatch-nudge';
import { DispatchService } from './messages/dispatch.service';
import { DispatchWatchdog } from './messages/dispatch-watchdog';
import { MessageComposer } from './messages/message-composer';
import { SendMessageService } from './messages/send-message.service';
import { SendPreparation } from './messages/send-preparation';
import { OrganizationPolicies } from './organizations/organization-policies';
import { OrganizationService } from './organizations/organization.service';
import { TestClockService } from './test-clock/test-clock.service';
import { DataRightsService } from './data-rights/data-rights.service';
import { ImportService } from './imports/import.service';
import { CohortReportService } from './reports/cohort-report.service';
import { OutcomeCheckPlanner } from './outcomes/outcome-check-planner';
import { OutcomeCheckService } from './outcomes/outcome-check.service';
import { OutcomeSummaryService } from './outcomes/outcome-summary.service';
import { AttentionService } from './attention/attention.service';
import { ClearanceService } from './check-ins/clearance.service';
import { EnrollmentListService } from './enrollments/enrollment-list.service';
import { MemberMailComposer } from './members/member-mail.composer';
import { MemberService } from './members/member.service';
import { SessionService } from './members/session.service';
import { SignInService } from './members/sign-in.service';
import { SignInTokens } from './members/sign-in-tokens';
import { CoachNoteService } from './participants/coach-note.service';
import { ParticipantStoryService } from './participants/participant-story.service';
import { DeliverabilityService } from './deliverability/deliverability.service';
import { SuppressionService } from './deliverability/suppression.service';
import { EmailEventsService } from './deliverability/email-events.service';
import { AddressChangeService } from './enrollments/address-change.service';
import { SendMetrics } from './messages/send-metrics';
import { ScrapeFigures } from './observability/scrape-figures';

const SERVICES = [
  CheckInService,
  CheckInDaysService,
  TimelineService,
  EnrollmentService,
  ReminderPlanner,
  LinkService,
  DispatchService,
  DispatchWatchdog,
  DispatchNudge,
  MessageComposer,
  SendMessageService,
  SendPreparation,
  OrganizationService,
  OrganizationPolicies,
  TestClockService,
  DataRightsService,
  ImportService,
  CohortReportService,
  OutcomeCheckPlanner,
  OutcomeCheckService,
  OutcomeSummaryService,
  AttentionService,
  ClearanceService,
  EnrollmentListService,
  MemberMailComposer,
  MemberService,
  SessionService,
  SignInService,
  SignInTokens,
  CoachNoteService,
  ParticipantStoryService,
  DeliverabilityService,
  SuppressionService,
  AddressChangeService,
  EmailEventsService,
  SendMetrics,
  ScrapeFigures,
];

/** Application services shared by the api and the worker. Needs config, persistence, queue and mail. */
@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [APP_CONFIG, ClockRepository],
      useFactory: (config: AppConfig, repository: ClockRepository): Clock =>
        config.testClock ? new TestClock(repository) : new SystemClock(),
    },
    ...SERVICES,
  ],
  exports: [Clock, ...SERVICES],
})
export class ApplicationModule {}
