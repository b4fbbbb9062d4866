import { Injectable } from '@nestjs/common';
import { outcomeCheckDedupeKey, type OutcomeTimepoint, planOutcomeChecks } from '@retrowalk/domain';
import {
  type EnrollmentEntity,
  MessageRepository,
  type NewMessage,
  OrganizationRepository,
  OutcomeCheckRepository,
  type Tx,
} from '@retrowalk/persistence';
import { OrganizationPolicies } from '../organizations/organization-policies';
import { outcomeSettingsOf } from './outcome-settings';

/** Keys cancelled per statement when an organisation switches its checks off. */
const CANCEL_CHUNK = 5_000;

/**
 * Puts a person's outcome checks into the schedule when their programme starts (they confirm, or a
 * professional clears them after screening): the three check rows and, for each, its email and
 * its one reminder as rows in `messages` (so they get the delivery guarantee of every scheduled
 * message), all in the transaction that starts the programme.
 */
@Injectable()
export class OutcomeCheckPlanner {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly policies: OrganizationPolicies,
    private readonly checks: OutcomeCheckRepository,
    private readonly messages: MessageRepository,
  ) {}

  async planAtStart(tx: Tx, enrollment: EnrollmentEntity, startedAt: Date, now: Date): Promise<void> {
    const organization = await this.organizations.findById(enrollment.organizationId, tx);
    if (!organization) return;
    const planned = planOutcomeChecks({
      startedAt,
      timezone: enrollment.timezone,
      quietHours: await this.policies.quietHours(enrollment.organizationId, tx),
      settings: outcomeSettingsOf(organization),
    });
    if (planned.length === 0) return;
    await this.checks.insertPlanned(
      tx,
      planned.map((p) => ({
        organizationId: enrollment.organizationId,
        enrollmentId: enrollment.id,
        timepoint: p.timepoint,
        enrolledAt: enrollment.createdAt,
        audience: enrollment.audience,
        week: p.week,
        opensAt: p.opensAt,
        closesAt: p.closesAt,
        createdAt: now,
      })),
    );
    const message = (timepoint: OutcomeTimepoint, which: 'ask' | 'reminder', dueAt: Date): NewMessage => ({
      organizationId: enrollment.organizationId,
      enrollmentId: enrollment.id,
      kind: 'outcome_check',
      dedupeKey: outcomeCheckDedupeKey(enrollment.id, timepoint, which),
      dueAt,
    });
    await this.messages.insertIfAbsent(
      tx,
      planned.flatMap((p) => [
        message(p.timepoint, 'ask', p.askAt),
        message(p.timepoint, 'reminder', p.remindAt),
      ]),
      now,
    );
  }

  /** The organisation switched its checks off: what has not been sent is cancelled. */
  async cancelForOrganization(tx: Tx, organizationId: string, now: Date): Promise<void> {
    const open = await this.checks.unansweredInOrganization(tx, organizationId, now);
    const keys = open.flatMap((c) => [
      outcomeCheckDedupeKey(c.enrollmentId, c.timepoint, 'ask'),
      outcomeCheckDedupeKey(c.enrollmentId, c.timepoint, 'reminder'),
    ]);
    for (let i = 0; i < keys.length; i += CANCEL_CHUNK) {
      await this.messages.cancelUnsentByKeys(tx, keys.slice(i, i + CANCEL_CHUNK), 'outcome_checks_off');
    }
  }
}
