import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  assessScreening,
  describeLocalDate,
  describeReminderSchedule,
  getLevel,
  localParts,
  type MessageKind,
  MESSAGE_POLICIES,
  SAFETY_BASICS,
  safetyPointForDay,
  screeningReasonText,
} from '@retrowalk/domain';
import {
  type OutgoingEmail,
  renderConfirmEmail,
  renderReminderEmail,
  renderWelcomeEmail,
  type RenderedEmail,
} from '@retrowalk/mail';
import { type EnrollmentEntity, type MessageEntity, type OrganizationEntity } from '@retrowalk/persistence';
import { LinkService } from '../links/link.service';

/** Turns a scheduled row into an email: picks the template, fills it, adds the headers. */
@Injectable()
export class MessageComposer {
  private readonly messageIdDomain: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: LinkService,
  ) {
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'retrowalk.localhost';
  }

  compose(
    message: Pick<MessageEntity, 'id' | 'kind' | 'localDate'>,
    enrollment: EnrollmentEntity,
    organization: OrganizationEntity,
    now: Date,
  ): OutgoingEmail {
    const unsubscribeUrl = this.links.url('unsubscribe', enrollment.id);
    const rendered = this.render(
      message.kind,
      message.localDate,
      enrollment,
      organization,
      unsubscribeUrl,
      now,
    );
    const headers: Record<string, string> = { 'X-Retrowalk-Message': message.kind };
    if (!MESSAGE_POLICIES[message.kind].safety) {
      // RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" to this URL.
      headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return {
      to: enrollment.email,
      from: this.config.mailFrom,
      replyTo: organization.coachEmail,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      date: now,
      messageId: `<${message.id}@${this.messageIdDomain}>`,
      headers,
      kind: message.kind,
    };
  }

  private render(
    kind: MessageKind,
    localDate: string | null,
    enrollment: EnrollmentEntity,
    organization: OrganizationEntity,
    unsubscribeUrl: string,
    now: Date,
  ): RenderedEmail {
    const common = { firstName: enrollment.firstName, organizationName: organization.name, unsubscribeUrl };
    switch (kind) {
      case 'confirm':
        return renderConfirmEmail({ ...common, confirmUrl: this.links.url('confirm', enrollment.id) });
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
          pauseUrl: this.links.url('pause', enrollment.id),
        });
      }
    }
  }
}
