import { Injectable } from '@nestjs/common';
import {
  DomainError,
  emailKey,
  ERASED_REASON,
  ERASED_TIMEZONE,
  erasedEmailFor,
  type ExportDocument,
  exportFileName,
  isErased,
  type Screening,
} from '@retrowalk/domain';
import {
  type AuditAction,
  AttentionRepository,
  AuditEntryRepository,
  CheckInRepository,
  CoachNoteRepository,
  DeliveryEventRepository,
  type EnrollmentEntity,
  EnrollmentRepository,
  ImportRepository,
  MessageRepository,
  OrganizationRepository,
  OutcomeCheckRepository,
  SuppressionRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { JobRepository } from '@retrowalk/queue';
import { AttentionService } from '../attention/attention.service';
import { Clock } from '../clock/clock';
import { organizationDisplayName } from '../organizations/organization.service';
import { toExportDocument } from './export-document';

/** Who asked: an organisation's API key, or the participant through a signed link. */
export type DataRightsActor = { kind: 'api_key'; apiKeyId: string } | { kind: 'participant' };

/**
 * Whose data: an organisation's request names the organisation (another one's enrolment is not
 * found); a signed link names only the enrolment.
 */
export type DataSubject = { organizationId: string; enrollmentId: string } | { enrollmentId: string };

export interface DataExport {
  document: ExportDocument;
  fileName: string;
}

export interface ErasureResult {
  /** False when the enrolment had already been erased: nothing changed (DELETE is idempotent). */
  erased: boolean;
  /** The organisation's name, read before erasing, for the page that confirms it to the person. */
  organizationName: string;
}

/**
 * A participant's rights over their data: a full export, and erasure. Erasure keeps an anonymous
 * stub of the enrolment and of each check-in, so reports still count the sessions and stops; it
 * removes or blanks everything that says who the person is or how their knee felt, cancels what
 * was still to be sent, and (after commit) drops their jobs from Redis.
 */
@Injectable()
export class DataRightsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checkIns: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly audit: AuditEntryRepository,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly imports: ImportRepository,
    private readonly outcomeChecks: OutcomeCheckRepository,
    private readonly attention: AttentionService,
    private readonly attentionItems: AttentionRepository,
    private readonly coachNotes: CoachNoteRepository,
    private readonly deliveryEvents: DeliveryEventRepository,
    private readonly suppressions: SuppressionRepository,
  ) {}

  async export(subject: DataSubject, actor: DataRightsActor): Promise<DataExport> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.require(subject, tx, false);
      const now = this.clock.now();
      // One after another: inside an organisation's request they share one connection.
      const organization = await this.organizations.findById(enrollment.organizationId, tx);
      const checkIns = await this.checkIns.list(enrollment.id);
      const decisions = await this.checkIns.decisions(enrollment.id);
      const messages = await this.messages.listForEnrollment(enrollment.id);
      const outcomeChecks = await this.outcomeChecks.listForEnrollment(enrollment.id, tx);
      const attentionItems = await this.attentionItems.listForEnrollment(enrollment.id);
      const coachNotes = await this.coachNotes.listForEnrollment(enrollment.id);
      await this.record(tx, enrollment, 'enrollment.exported', actor, now);
      return {
        document: toExportDocument({
          organizationName: organization ? organizationDisplayName(organization) : 'Retrowalk',
          enrollment,
          checkIns,
          decisions,
          messages,
          outcomeChecks,
          attentionItems,
          coachNotes,
          generatedAt: now,
        }),
        fileName: exportFileName(enrollment.id, now),
      };
    });
  }

  async erase(subject: DataSubject, actor: DataRightsActor): Promise<ErasureResult> {
    const outcome = await this.uow.run(async (tx) => {
      const enrollment = await this.require(subject, tx, true);
      const organization = await this.organizations.findById(enrollment.organizationId, tx);
      const organizationName = organization ? organizationDisplayName(organization) : 'Retrowalk';
      if (isErased(enrollment.status)) return { erased: false, organizationName, messageIds: [] };
      const now = this.clock.now();
      const messageIds = await this.messages.cancelAllForErasure(tx, enrollment.id, ERASED_REASON);
      await this.checkIns.anonymiseForErasure(tx, enrollment.id);
      await this.outcomeChecks.anonymiseForErasure(tx, enrollment.id);
      await this.attention.record(tx, enrollment, { type: 'erased' }, now);
      await this.attentionItems.blankNotesForErasure(tx, enrollment.id);
      await this.coachNotes.blankForErasure(tx, enrollment.id);
      await this.deliveryEvents.scrubForErasure(tx, enrollment.id);
      await this.suppressions.scrubForErasure(
        tx,
        enrollment.organizationId,
        enrollment.email,
        erasedEmailFor(enrollment.id),
        now,
      );
      await this.imports.deleteStagedRowsOfPerson(tx, enrollment.organizationId, {
        emailKey: emailKey(enrollment.email),
        externalId: enrollment.externalId,
      });
      enrollment.email = erasedEmailFor(enrollment.id);
      enrollment.firstName = '';
      // No answers left: an erased stub is never screened, sent to or shown again.
      enrollment.screening = {} as Screening;
      enrollment.externalId = null;
      enrollment.timezone = ERASED_TIMEZONE;
      enrollment.status = 'erased';
      enrollment.erasedAt = now;
      enrollment.updatedAt = now;
      await this.enrollments.save(tx, enrollment);
      await this.record(tx, enrollment, 'enrollment.erased', actor, now);
      return { erased: true, organizationName, messageIds };
    });
    if (outcome.messageIds.length > 0) {
      // Best effort, after commit: a job left behind finds its row cancelled and sends nothing.
      await this.uow.afterCommit(async () => {
        await this.jobs.removeSendJobs(outcome.messageIds);
      });
    }
    return { erased: outcome.erased, organizationName: outcome.organizationName };
  }

  private async require(subject: DataSubject, tx: Tx, includeErased: boolean): Promise<EnrollmentEntity> {
    const options = { tx, lock: true, includeErased };
    if ('organizationId' in subject) {
      const found = await this.enrollments.findInOrganization(
        subject.organizationId,
        subject.enrollmentId,
        options,
      );
      if (!found) throw new DomainError('not_found', 'No enrolment with this id.');
      return found;
    }
    const found = await this.enrollments.findForLink(subject.enrollmentId, options);
    // The signature was valid, so the enrolment existed: it has been erased since.
    if (!found || isErased(found.status)) throw new DomainError('link_gone', 'This link no longer works.');
    return found;
  }

  private async record(
    tx: Tx,
    enrollment: EnrollmentEntity,
    action: AuditAction,
    actor: DataRightsActor,
    now: Date,
  ): Promise<void> {
    await this.audit.record(tx, {
      organizationId: enrollment.organizationId,
      action,
      subjectId: enrollment.id,
      actorKind: actor.kind,
      apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      createdAt: now,
    });
  }
}
