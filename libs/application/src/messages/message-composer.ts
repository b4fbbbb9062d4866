import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  assessScreening,
  describeLevel,
  describeLocalDate,
  describeReminderSchedule,
  describeRuleForCoach,
  describeWeekForChart,
  getLevel,
  participantStatementOutcome,
  type RuleHit,
  summariseWeek,
  type WeekSummary,
  weeklySummaryWords,
  localParts,
  type MessageKind,
  MESSAGE_POLICIES,
  SAFETY_BASICS,
  redFlagsIn,
  SAFETY_STOP,
  stopWords,
  type FiredRule,
  safetyPointForDay,
  screeningReasonText,
} from '@retrowalk/domain';
import {
  type OutgoingEmail,
  renderAddressConfirmEmail,
  renderClearanceNoticeEmail,
  renderCoachAlertEmail,
  renderWeeklyChartPng,
  renderWeeklySummaryEmail,
  renderCompletionEmail,
  renderReEngagementEmail,
  renderConfirmEmail,
  renderPainFollowUpEmail,
  renderProgressionEmail,
  renderReminderEmail,
  renderResumedEmail,
  renderSafetyStopEmail,
  renderWelcomeEmail,
  type RenderedEmail,
} from '@retrowalk/mail';
import { type OutcomeForEmail } from '../outcomes/outcome-summary.service';
import { outcomeCheckEmail, outcomeCompletionParts, outcomeResultsEmail } from '../outcomes/outcome-emails';
import {
  type CheckInEntity,
  type EnrollmentEntity,
  type MessageEntity,
  type OrganizationEntity,
} from '@retrowalk/persistence';
import { FOLLOW_UP_AGAIN_PREFIX } from '../check-ins/check-in.service';
import { LinkService } from '../links/link.service';
import { organizationDisplayName } from '../organizations/organization.service';
import { messageIdOf, senderAddressOf } from './sender-address';

/** The inline chart's content id; unique within one email is all it needs to be. */
const WEEKLY_CHART_CID = 'weekly-chart@retrowalk';

/** Turns a scheduled row into an email: picks the template, fills it, adds the headers. */
@Injectable()
export class MessageComposer {
  private readonly fromAddress: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: LinkService,
  ) {
    this.fromAddress = senderAddressOf(config.mailFrom);
  }

  compose(
    message: Pick<MessageEntity, 'id' | 'kind' | 'localDate' | 'dedupeKey'>,
    enrollment: EnrollmentEntity,
    organization: OrganizationEntity,
    now: Date,
    checkIn: CheckInEntity | null = null,
    sessionsDone = 0,
    week: WeekSummary | null = null,
    rules: readonly RuleHit[] = [],
    outcome: OutcomeForEmail | null = null,
  ): OutgoingEmail {
    const unsubscribeUrl = this.links.url('unsubscribe', enrollment.id);
    const rendered = this.render(message.kind, {
      outcome,
      dedupeKey: message.dedupeKey,
      localDate: message.localDate,
      enrollment,
      organization,
      unsubscribeUrl,
      now,
      checkIn,
      sessionsDone,
      week,
      rules,
    });
    const headers: Record<string, string> = { 'X-Retrowalk-Message': message.kind };
    if (!MESSAGE_POLICIES[message.kind].safety) {
      // RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" to this URL.
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return {
      to: MESSAGE_POLICIES[message.kind].toCoach ? organization.coachEmail : enrollment.email,
      // A name and an address, never one string: nodemailer quotes the name (see NamedAddress).
      from: organization.senderName
        ? { name: organization.senderName, address: this.fromAddress }
        : this.config.mailFrom,
      replyTo: organization.replyTo ?? organization.coachEmail,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      date: now,
      messageId: messageIdOf(message.id, this.fromAddress),
      headers,
      kind: message.kind,
      ...(message.kind === 'weekly_summary' && week
        ? {
            attachments: [
              {
                filename: 'week.png',
                content: renderWeeklyChartPng(
                  week.days.map((d) => ({ label: d.weekday, minutes: d.minutes, pain: d.pain })),
                ),
                cid: WEEKLY_CHART_CID,
                contentType: 'image/png',
              },
            ],
          }
        : {}),
    };
  }

  private render(kind: MessageKind, c: RenderContext): RenderedEmail {
    const { localDate, enrollment, organization, unsubscribeUrl, now, checkIn } = c;
    const common = {
      firstName: enrollment.firstName,
      organizationName: organizationDisplayName(organization),
      unsubscribeUrl,
      dataUrl: this.links.url('data', enrollment.id),
    };
    switch (kind) {
      case 'confirm':
        return renderConfirmEmail({ ...common, confirmUrl: this.links.url('confirm', enrollment.id) });
      case 'address_confirm':
        return renderAddressConfirmEmail({
          ...common,
          confirmUrl: this.links.url('confirm-address', enrollment.id),
        });
      case 'welcome': {
        const level = getLevel(enrollment.level);
        const screening = assessScreening(enrollment.screening);
        return renderWelcomeEmail({
          ...common,
          reminderSummary: describeReminderSchedule(
            { days: enrollment.reminderDays, time: enrollment.reminderTime },
            enrollment.timezone,
          ),
          level: {
            number: level.level,
            name: level.name,
            instructions: [...level.instructions],
            safetyPoint: level.safetyPoint,
          },
          safetyBasics: SAFETY_BASICS.map((b) => ({ title: b.title, text: b.text })),
          needsClearance: screening.needsClearance,
          clearanceReasons: screening.reasons.map(screeningReasonText),
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      }
      case 'reminder': {
        const level = getLevel(enrollment.level);
        // Reminders always carry their local date; the fallback only guards old or hand-made rows.
        const day = localDate ?? localParts(now, enrollment.timezone).date;
        return renderReminderEmail({
          ...common,
          dayLabel: describeLocalDate(day),
          level: { number: level.level, name: level.name, instructions: [...level.instructions] },
          safetyPoint: safetyPointForDay(day, level.level),
          // The form then offers this day too, for a walk logged from an older reminder.
          checkInUrl: `${this.links.url('check-in', enrollment.id)}?day=${day}`,
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      }
      case 'progression':
        return renderProgressionEmail({
          ...common,
          level: this.levelModel(enrollment.level),
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      case 'resumed':
        return renderResumedEmail({
          ...common,
          level: this.levelModel(enrollment.level),
          reminderSummary: describeReminderSchedule(
            { days: enrollment.reminderDays, time: enrollment.reminderTime },
            enrollment.timezone,
          ),
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      case 'pain_follow_up':
        return renderPainFollowUpEmail({
          ...common,
          settledUrl: this.links.url('follow-up-settled', enrollment.id),
          sameUrl: this.links.url('follow-up-same', enrollment.id),
          worseUrl: this.links.url('follow-up-worse', enrollment.id),
          isReminder: c.dedupeKey.startsWith(FOLLOW_UP_AGAIN_PREFIX),
        });
      case 'safety_stop':
        return renderSafetyStopEmail({
          firstName: enrollment.firstName,
          organizationName: organizationDisplayName(organization),
          told: stopWords(redFlagsBehind(c.dedupeKey, checkIn)).paragraphs[0]!,
          stop: SAFETY_STOP,
          clearedUrl: this.links.url('cleared', enrollment.id),
        });
      case 're_engagement': {
        const level = getLevel(enrollment.level);
        return renderReEngagementEmail({
          ...common,
          levelTitle: describeLevel(level),
          checkInUrl: this.links.url('check-in', enrollment.id),
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      }
      case 'completion': {
        const level = getLevel(enrollment.level);
        return renderCompletionEmail({
          ...common,
          levelTitle: describeLevel(level),
          sessions: c.sessionsDone,
          ...outcomeCompletionParts(c.outcome, this.links.url('outcome-dose-end', enrollment.id)),
        });
      }
      case 'outcome_check':
        return outcomeCheckEmail(common, enrollment, c.outcome, this.links);
      case 'outcome_results':
        return outcomeResultsEmail(common, c.outcome);
      case 'weekly_summary': {
        const level = getLevel(enrollment.level);
        const summary =
          c.week ??
          summariseWeek({
            weekEnd: localDate ?? localParts(now, enrollment.timezone).date,
            timezone: enrollment.timezone,
            plannedDays: enrollment.reminderDays,
            sessions: [],
          });
        const firstDay = summary.days[0]!.date;
        return renderWeeklySummaryEmail({
          ...common,
          weekLabel: `Week of ${describeLocalDate(firstDay).replace(/^\w+ /, '')}`,
          words: weeklySummaryWords(summary, describeLevel(level)),
          chartCid: WEEKLY_CHART_CID,
          chartAlt: describeWeekForChart(summary),
          checkInUrl: this.links.url('check-in', enrollment.id),
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      }
      case 'coach_alert': {
        const at = checkIn?.performedAt ?? now;
        const local = localParts(at, enrollment.timezone);
        return renderCoachAlertEmail({
          coachOrganizationName: organizationDisplayName(organization),
          participantName: enrollment.firstName,
          participantEmail: enrollment.email,
          reportedAt: `${describeLocalDate(local.date)}, ${local.time} (${enrollment.timezone})`,
          level: checkIn?.level ?? enrollment.level,
          reasons: c.rules
            .filter((hit) => hit.rule.startsWith('red_flag.'))
            .map((hit) => describeRuleForCoach(hit, enrollment.firstName)),
          details: checkIn ? reportDetails(checkIn) : [],
          participantUrl: this.participantPageUrl(enrollment.id),
          clearanceApiHint: `POST ${this.config.publicBaseUrl}/v1/enrollments/${enrollment.id}/clearance`,
          participantMayRestart: participantStatementOutcome(organization.clearancePolicy) === 'resume',
        });
      }
      case 'clearance_notice':
        return renderClearanceNoticeEmail({
          coachOrganizationName: organizationDisplayName(organization),
          participantName: enrollment.firstName,
          resumed: enrollment.status === 'active',
          levelTitle: enrollment.status === 'active' ? describeLevel(getLevel(enrollment.level)) : null,
          participantUrl: this.participantPageUrl(enrollment.id),
        });
      case 'member_invite':
      case 'sign_in':
        throw new Error(`${kind} is written by MemberMailComposer: it has no participant`);
    }
  }

  /** A participant's page in the coach workspace; it asks the coach to sign in first if needed. */
  private participantPageUrl(enrollmentId: string): string {
    return `${this.config.publicBaseUrl}/coach/participants/${enrollmentId}`;
  }

  private levelModel(levelNumber: number) {
    const level = getLevel(levelNumber);
    return {
      number: level.level,
      name: level.name,
      instructions: [...level.instructions],
      safetyPoint: level.safetyPoint,
    };
  }
}

interface RenderContext {
  outcome: OutcomeForEmail | null;
  dedupeKey: string;
  localDate: string | null;
  enrollment: EnrollmentEntity;
  organization: OrganizationEntity;
  unsubscribeUrl: string;
  now: Date;
  checkIn: CheckInEntity | null;
  sessionsDone: number;
  week: WeekSummary | null;
  /** The rules of the decision a coach alert is about, told to the coach in their own words. */
  rules: readonly RuleHit[];
}

/**
 * The red flags behind a safety stop. A stop after a check-in comes from its report, which the rules
 * read again here (the same pure function that decided); a stop from the next-morning answer
 * (`safety_stop:<check-in>:follow_up`) is the one warning-sign button that page offers.
 */
function redFlagsBehind(dedupeKey: string, checkIn: CheckInEntity | null): FiredRule[] {
  if (dedupeKey.endsWith(':follow_up')) {
    return [{ rule: 'red_flag.follow_up_warning_sign', inputs: { source: 'follow_up' } }];
  }
  if (checkIn === null) return [];
  const r = checkIn.report;
  return redFlagsIn({
    performedAt: checkIn.performedAt,
    painDuring: Number(r.painDuring),
    painType: r.painType === 'sharp' ? 'sharp' : 'none',
    swelling: r.swelling === true,
    dizziness: r.dizziness === true,
    fall: r.fall === true,
    nearFall: r.nearFall === true,
    kneeGaveWay: r.kneeGaveWay === true,
  });
}

const DETAIL_LABELS: Record<string, string> = {
  painDuring: 'Pain during (0-10)',
  painType: 'Kind of pain',
  swelling: 'Swelling',
  dizziness: 'Dizziness',
  fall: 'Fall',
  nearFall: 'Near fall',
  kneeGaveWay: 'Knee gave way',
  durationMinutes: 'Minutes',
  distanceMeters: 'Metres',
  usedSupport: 'Used support',
  notes: 'Notes',
};

function reportDetails(checkIn: CheckInEntity): { label: string; value: string }[] {
  return Object.entries(DETAIL_LABELS)
    .filter(([key]) => checkIn.report[key] !== undefined && checkIn.report[key] !== null)
    .map(([key, label]) => {
      const value = checkIn.report[key];
      return { label, value: typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value) };
    });
}
