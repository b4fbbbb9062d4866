import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AddressChangeService,
  CheckInService,
  ClearanceService,
  EnrollmentService,
  LINK_PURPOSES,
  type LinkOutcome,
  LinkService,
  OrganizationService,
} from '@retrowalk/application';
import { DomainError, describeReminderSchedule, type FiredRule } from '@retrowalk/domain';
import { Accepts, ONE_CLICK_BODY, renderActionPage, renderResultPage } from '@retrowalk/http';
import { type EnrollmentEntity } from '@retrowalk/persistence';
import { type ButtonLinkPurpose, participantPageCopy } from './participant-page-copy';
import { renderStopPage } from './stop-page';

const FOLLOW_UP_ANSWER_OF = {
  'follow-up-settled': 'settled',
  'follow-up-same': 'same',
  'follow-up-worse': 'worse',
  'follow-up-red-flag': 'worse',
} as const;

/**
 * Pages behind the signed links in emails. GET only shows a page with a button: mail scanners and
 * link previews fetch GET links, so only the POST the button sends changes anything. The same POST
 * serves RFC 8058 one-click unsubscribe (body "List-Unsubscribe=One-Click").
 */
@ApiExcludeController()
@Controller('p')
export class ParticipantLinksController {
  constructor(
    private readonly links: LinkService,
    private readonly enrollments: EnrollmentService,
    private readonly checkIns: CheckInService,
    private readonly organizations: OrganizationService,
    private readonly clearances: ClearanceService,
    private readonly addressChanges: AddressChangeService,
  ) {}

  @Get(':purpose/:token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  async show(@Param('purpose') purpose: string, @Param('token') token: string): Promise<string> {
    const checked = this.check(purpose, token);
    const enrollment = await this.enrollments.findForLink(checked.enrollmentId);
    const copy = participantPageCopy(
      checked.purpose,
      enrollment,
      checked.purpose === 'cleared' ? await this.clearances.state(enrollment.id) : undefined,
    );
    const organizationName = await this.organizations.shownName(enrollment.organizationId);
    if (copy.alreadyDone) {
      return renderResultPage({ organizationName, tone: 'info', ...copy.alreadyDone });
    }
    return renderActionPage({
      organizationName,
      ...copy.ask,
      // The button posts the very token it came with: showing the page must not extend its life.
      formAction: `/p/${checked.purpose}/${token}`,
      // "Worse" may hide a warning sign: one tap must be enough to say so and be stopped safely.
      ...(checked.purpose === 'follow-up-worse'
        ? {
            alternative: {
              buttonLabel: 'Yes: swollen, sharp pain or it gave way',
              formAction: this.links
                .url('follow-up-red-flag', enrollment.id)
                .replace(/^https?:\/\/[^/]+/, ''),
              first: true,
            },
          }
        : {}),
    });
  }

  @Post(':purpose/:token')
  @Accepts(...ONE_CLICK_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async act(@Param('purpose') purpose: string, @Param('token') token: string): Promise<string> {
    const checked = this.check(purpose, token);
    const { outcome, enrollment, reasons, stop } = await this.perform(
      checked.purpose,
      checked.enrollmentId,
      token,
    );
    const organizationName = await this.organizations.shownName(enrollment.organizationId);
    if (stop) return renderStopPage(organizationName, stop);
    const copy = participantPageCopy(
      checked.purpose,
      enrollment,
      checked.purpose === 'cleared' ? await this.clearances.state(enrollment.id) : undefined,
    );
    if (checked.purpose === 'pause' && outcome !== 'not_possible' && enrollment.status === 'paused') {
      // Offer the way back right where people land, in case the tap was a mistake.
      return renderActionPage({
        organizationName,
        ...copy.done,
        buttonLabel: 'Restart my reminders',
        formAction: this.links.url('resume', enrollment.id).replace(/^https?:\/\/[^/]+/, ''),
      });
    }
    if (outcome === 'not_possible')
      return renderResultPage({ organizationName, tone: 'warning', ...copy.notPossible });
    if (outcome === 'already_done' && copy.alreadyDone) {
      return renderResultPage({ organizationName, tone: 'info', ...copy.alreadyDone });
    }
    if (reasons && reasons.length > 0) {
      return renderResultPage({ organizationName, tone: 'success', ...copy.done, message: reasons });
    }
    const message =
      checked.purpose === 'resume'
        ? `${copy.done.message} Reminders come ${describeReminderSchedule(
            { days: enrollment.reminderDays, time: enrollment.reminderTime },
            enrollment.timezone,
          ).replace(/^Every/, 'every')}.`
        : copy.done.message;
    return renderResultPage({ organizationName, tone: 'success', ...copy.done, message });
  }

  private check(purpose: string, token: string): { purpose: ButtonLinkPurpose; enrollmentId: string } {
    if (
      !(LINK_PURPOSES as readonly string[]).includes(purpose) ||
      purpose === 'check-in' ||
      purpose === 'data' ||
      purpose.startsWith('outcome-')
    ) {
      throw new DomainError('link_invalid', 'This link is not valid.');
    }
    const linkPurpose = purpose as ButtonLinkPurpose;
    return { purpose: linkPurpose, enrollmentId: this.links.verify(linkPurpose, token) };
  }

  private async perform(
    purpose: ButtonLinkPurpose,
    enrollmentId: string,
    token: string,
  ): Promise<{
    outcome: LinkOutcome;
    enrollment: EnrollmentEntity;
    reasons?: string[];
    /** The red flags, when the answer stopped the programme. */
    stop?: readonly FiredRule[];
  }> {
    switch (purpose) {
      case 'confirm':
        return this.enrollments.confirmByLink(enrollmentId);
      case 'confirm-address':
        return this.addressChanges.confirmByLink(enrollmentId, this.links.issuedAt(purpose, token));
      case 'pause':
        return this.enrollments.pauseByLink(enrollmentId);
      case 'resume':
        return this.enrollments.resumeByLink(enrollmentId);
      case 'unsubscribe':
        return this.enrollments.unsubscribeByLink(enrollmentId);
      case 'follow-up-settled':
      case 'follow-up-same':
      case 'follow-up-worse':
      case 'follow-up-red-flag': {
        const answer = FOLLOW_UP_ANSWER_OF[purpose];
        const { decision } = await this.checkIns.answerFollowUp(
          enrollmentId,
          answer,
          purpose === 'follow-up-red-flag' ? { oneOfThese: true } : undefined,
        );
        const enrollment = await this.enrollments.findForLink(enrollmentId);
        if (!decision) return { outcome: 'not_possible', enrollment };
        return {
          outcome: 'done',
          enrollment,
          reasons: decision.rules.map((r) => r.reason),
          ...(decision.action === 'stop' ? { stop: decision.rules } : {}),
        };
      }
      case 'cleared': {
        // The organisation's clearance policy decides whether this restarts or waits for a coach.
        const { outcome, enrollment } = await this.clearances.participantSaysCleared(enrollmentId);
        switch (outcome) {
          case 'resumed':
          case 'awaiting_coach':
            return { outcome: 'done', enrollment };
          case 'already_requested':
          case 'already_active':
            return { outcome: 'already_done', enrollment };
          case 'not_possible':
            return { outcome: 'not_possible', enrollment };
        }
      }
    }
  }
}
