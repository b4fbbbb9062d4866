import { Injectable } from '@nestjs/common';
import {
  type AttentionEvent,
  type AttentionKind,
  type AttentionStatus,
  attentionChanges,
  decodeCursor,
  DomainError,
  encodeCursor,
  followUpUnansweredDueAt,
  inactiveDueAt,
  type TimedAttentionKind,
} from '@retrowalk/domain';
import {
  type AttentionItemEntity,
  AttentionRepository,
  type EnrollmentEntity,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { type StaffActor } from '../members/staff-actor';

/** What an event's timers count from. */
export interface AttentionMoments {
  /** The last sign of life: the newest walk, or now for a (re)start. */
  lastActivity: Date;
  /** When the next-morning question is due, for a walk that asked it. */
  followUpDueAt?: Date | null;
  /** The walk that caused the event, kept with the items it opens. */
  checkInId?: string | null;
}

export interface AttentionListItem {
  item: AttentionItemEntity;
  firstName: string;
}

export interface AttentionPage {
  items: AttentionListItem[];
  nextCursor: string | null;
}

const SWEEP_BATCH = 500;

/**
 * Opens and closes attention items inside the transaction of their cause (`record` is always
 * given that transaction), lists them, and lets a person acknowledge one with a note. The time
 * triggers are rows in `attention_timers`, swept by the worker's tick (see `openDue`).
 */
@Injectable()
export class AttentionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly attention: AttentionRepository,
    private readonly clock: Clock,
  ) {}

  /** Applies the domain's rules for one event to one person, in the caller's transaction. */
  async record(
    tx: Tx,
    enrollment: Pick<EnrollmentEntity, 'id' | 'organizationId'>,
    event: AttentionEvent,
    now: Date,
    moments: AttentionMoments = { lastActivity: now },
  ): Promise<AttentionKind[]> {
    const changes = attentionChanges(event);
    await this.attention.close(tx, enrollment.id, changes.close, event.type, now);
    const opened = await this.attention.open(
      tx,
      changes.open.map((kind) => ({
        organizationId: enrollment.organizationId,
        enrollmentId: enrollment.id,
        kind,
        checkInId: moments.checkInId ?? null,
      })),
      now,
    );
    await this.attention.stopTimers(tx, enrollment.id, changes.stopTimers);
    const timers = changes.startTimers.flatMap((kind) => {
      const dueAt = this.dueAt(kind, moments);
      return dueAt ? [{ kind, dueAt }] : [];
    });
    await this.attention.startTimers(tx, enrollment.organizationId, enrollment.id, timers);
    return opened;
  }

  private dueAt(kind: TimedAttentionKind, moments: AttentionMoments): Date | null {
    switch (kind) {
      case 'inactive':
        return inactiveDueAt(moments.lastActivity);
      case 'follow_up_unanswered':
        return moments.followUpDueAt ? followUpUnansweredDueAt(moments.followUpDueAt) : null;
    }
  }

  /**
   * The worker's sweep: opens the items whose timers ran out. Each batch takes its timers and opens
   * their items in one transaction; the index on due_at means it reads only what is due.
   */
  async openDue(): Promise<number> {
    await this.clock.refresh();
    const now = this.clock.now();
    let opened = 0;
    for (;;) {
      const taken = await this.uow.run(async (tx) => {
        const due = await this.attention.takeDue(tx, now, SWEEP_BATCH);
        // A timer running out only opens its kind (the domain's rule for `timer_due`), so a whole
        // batch opens in one statement: a backlog of thousands costs a few round trips.
        const opens = due.flatMap((timer) => {
          const changes = attentionChanges({ type: 'timer_due', kind: timer.kind });
          return changes.open.map((kind) => ({
            organizationId: timer.organizationId,
            enrollmentId: timer.enrollmentId,
            kind,
          }));
        });
        opened += (await this.attention.open(tx, opens, now)).length;
        return due.length;
      });
      if (taken < SWEEP_BATCH) return opened;
    }
  }

  async list(
    organizationId: string,
    query: { status: AttentionStatus; kind?: AttentionKind; cursor: string | null; limit: number },
  ): Promise<AttentionPage> {
    const order = `attention.${query.status}${query.kind ? `.${query.kind}` : ''}`;
    const arity = query.status === 'open' ? 3 : 2;
    const after = query.cursor === null ? null : decodeCursor(query.cursor, order, arity).map(String);
    const rows = await this.attention.list(organizationId, {
      status: query.status,
      ...(query.kind ? { kind: query.kind } : {}),
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ item: r.item, firstName: r.firstName })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(order, last.key) : null,
    };
  }

  async get(organizationId: string, id: string): Promise<AttentionItemEntity> {
    const item = await this.attention.findInOrganization(organizationId, id);
    if (!item) throw new DomainError('not_found', 'No attention item with this id.');
    return item;
  }

  /** A person saw it and says what they did: who and when are recorded with the note. */
  async acknowledge(
    organizationId: string,
    id: string,
    actor: StaffActor,
    note: string,
  ): Promise<AttentionItemEntity> {
    return this.uow.run(async (tx) => {
      const item = await this.attention.findInOrganization(organizationId, id, { tx, lock: true });
      if (!item) throw new DomainError('not_found', 'No attention item with this id.');
      if (item.status !== 'open') {
        throw new DomainError(
          'invalid_state',
          item.status === 'acknowledged'
            ? 'Someone has already acknowledged this item.'
            : 'This item closed by itself: what caused it is over.',
          { status: item.status },
        );
      }
      const now = this.clock.now();
      await this.attention.acknowledge(
        tx,
        item.id,
        actor.kind === 'member' ? { memberId: actor.memberId } : { apiKeyId: actor.apiKeyId },
        note,
        now,
      );
      return (await this.attention.findInOrganization(organizationId, id, { tx }))!;
    });
  }

  /** How many items are open, by kind. */
  countOpenByKind(organizationId: string): Promise<Map<AttentionKind, number>> {
    return this.attention.countOpenByKind(organizationId);
  }

  async countOpen(organizationId: string): Promise<number> {
    return [...(await this.attention.countOpenByKind(organizationId)).values()].reduce((a, b) => a + b, 0);
  }

  openKindsOf(enrollmentIds: readonly string[]): Promise<Map<string, AttentionKind[]>> {
    return this.attention.openKindsOf(enrollmentIds);
  }

  listForEnrollment(enrollmentId: string): Promise<AttentionItemEntity[]> {
    return this.attention.listForEnrollment(enrollmentId);
  }
}
