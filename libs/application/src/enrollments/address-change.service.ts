import { Injectable } from '@nestjs/common';
import { DomainError, emailKey } from '@retrowalk/domain';
import {
  type EnrollmentEntity,
  EnrollmentRepository,
  isUniqueViolation,
  MessageRepository,
  SuppressionRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { type LinkOutcome } from './enrollment.service';

/** A link issued within this of the change still belongs to it (link times are whole seconds). */
const ISSUE_TOLERANCE_MS = 1000;

/**
 * A participant's address changes (a coach enters the new one) and the new address confirms it:
 * double opt-in again, since a mistyped address must not receive someone's programme. Until then
 * the programme runs on (level, status and the reminder chain are untouched) but only safety mail
 * and the confirmation go to the new address; each reminder due meanwhile ends as `cancelled`
 * (`address_unconfirmed`). The old address is free at once; the new one must not belong to another
 * enrolment of the organisation. Confirming takes the address off the suppression list: mail
 * demonstrably arrives there again.
 */
@Injectable()
export class AddressChangeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly messages: MessageRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly dispatch: DispatchNudge,
    private readonly clock: Clock,
  ) {}

  async change(organizationId: string, id: string, email: string): Promise<void> {
    await this.uow
      .run(async (tx) => {
        const enrollment = await this.enrollments.findInOrganization(organizationId, id, { tx, lock: true });
        if (!enrollment) throw new DomainError('not_found', 'No enrolment with this id.');
        if (enrollment.status === 'unsubscribed') {
          throw new DomainError('invalid_state', 'This participant unsubscribed; enrol them again instead.', {
            action: 'change_email',
            status: enrollment.status,
          });
        }
        const same = emailKey(email) === emailKey(enrollment.email);
        const suppressed = (await this.suppressions.liveFor(organizationId, [email], tx)).size > 0;
        // The same address again only means something when it is suppressed: confirming lifts it.
        if (same && !suppressed) return;
        const now = this.clock.now();
        enrollment.email = email;
        enrollment.updatedAt = now;
        const kind = enrollment.status === 'pending_confirmation' ? 'confirm' : 'address_confirm';
        if (kind === 'address_confirm') enrollment.addressUnconfirmedSince = now;
        await this.enrollments.save(tx, enrollment);
        await this.messages.cancelUnsent(tx, enrollment.id, [kind], 'address_changed');
        await this.messages.insertIfAbsent(
          tx,
          [
            {
              organizationId,
              enrollmentId: enrollment.id,
              kind,
              dedupeKey: `${kind}:${enrollment.id}:${now.getTime()}`,
              dueAt: now,
            },
          ],
          now,
        );
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'enrollments_org_email')) {
          throw new DomainError('email_already_enrolled', 'Another enrolment already has this email.', [
            { field: 'email', message: 'is already enrolled in this organisation' },
          ]);
        }
        throw error;
      });
    await this.dispatch.soon();
  }

  /** The new address confirms; a link sent for an earlier change confirms nothing. */
  async confirmByLink(
    enrollmentId: string,
    linkIssuedAt: Date,
  ): Promise<{ outcome: LinkOutcome; enrollment: EnrollmentEntity }> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.enrollments.findForLink(enrollmentId, { tx, lock: true });
      if (!enrollment) throw new DomainError('link_gone', 'This link no longer works.');
      const since = enrollment.addressUnconfirmedSince;
      if (since === null) return { outcome: 'already_done', enrollment };
      if (linkIssuedAt.getTime() + ISSUE_TOLERANCE_MS < since.getTime())
        return { outcome: 'not_possible', enrollment };
      const now = this.clock.now();
      enrollment.addressUnconfirmedSince = null;
      enrollment.updatedAt = now;
      await this.enrollments.save(tx, enrollment);
      await this.suppressions.lift(tx, enrollment.organizationId, enrollment.email, 'address_confirmed', now);
      return { outcome: 'done', enrollment };
    });
  }
}
