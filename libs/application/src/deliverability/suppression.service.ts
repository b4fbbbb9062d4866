import { Injectable } from '@nestjs/common';
import { DomainError, type SuppressionReason } from '@retrowalk/domain';
import {
  AuditEntryRepository,
  type SuppressionEntity,
  SuppressionRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';

/** What an enrolment's address looks like to the sender. */
export type Deliverability =
  { status: 'ok' } | { status: 'suppressed'; reason: SuppressionReason; detail: string | null; since: Date };

export interface SuppressionPage {
  data: SuppressionEntity[];
  nextCursor: string | null;
}

const cursorOf = (s: SuppressionEntity): string => Buffer.from(s.id).toString('base64url');

/** The organisation's suppression list as the API shows it: read, and lifted by an admin. */
@Injectable()
export class SuppressionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly suppressions: SuppressionRepository,
    private readonly audit: AuditEntryRepository,
    private readonly clock: Clock,
  ) {}

  async deliverabilityOf(
    organizationId: string,
    emails: readonly string[],
  ): Promise<Map<string, Deliverability>> {
    const live = await this.suppressions.liveFor(organizationId, emails);
    return new Map(
      emails.map((email) => {
        const s = live.get(email.toLowerCase());
        const value: Deliverability = s
          ? { status: 'suppressed', reason: s.reason, detail: s.detail, since: s.createdAt }
          : { status: 'ok' };
        return [email, value];
      }),
    );
  }

  async list(organizationId: string, limit: number, cursor: string | null): Promise<SuppressionPage> {
    let after: SuppressionEntity | null = null;
    if (cursor !== null) {
      const id = Buffer.from(cursor, 'base64url').toString('utf8');
      after = /^[0-9a-f-]{36}$/.test(id) ? await this.suppressions.findById(organizationId, id) : null;
      if (!after) {
        throw new DomainError('validation_failed', 'This cursor is not valid.', [
          { field: 'cursor', message: 'must be a nextCursor from an earlier page' },
        ]);
      }
    }
    const rows = await this.suppressions.listLive(organizationId, limit + 1, after);
    const data = rows.slice(0, limit);
    return { data, nextCursor: rows.length > limit ? cursorOf(data[data.length - 1]!) : null };
  }

  /** An admin takes an address off the list (it then gets mail again); audited, by id only. */
  async lift(organizationId: string, email: string, apiKeyId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const lifted = await this.suppressions.lift(tx, organizationId, email, 'admin', now);
      if (!lifted) throw new DomainError('not_found', 'This address is not on the suppression list.');
      await this.audit.record(tx, {
        organizationId,
        action: 'suppression.lifted',
        subjectId: lifted.id,
        actorKind: 'api_key',
        apiKeyId,
        createdAt: now,
      });
    });
  }
}
