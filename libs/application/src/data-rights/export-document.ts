import { EXPORT_FORMAT, type ExportDocument } from '@retrowalk/domain';
import {
  type AttentionItemEntity,
  type CheckInEntity,
  type CoachNoteEntity,
  type DecisionEntity,
  type EnrollmentEntity,
  type MessageEntity,
  type OutcomeCheckEntity,
} from '@retrowalk/persistence';

export interface ExportSource {
  organizationName: string;
  enrollment: EnrollmentEntity;
  checkIns: readonly CheckInEntity[];
  decisions: readonly DecisionEntity[];
  messages: readonly MessageEntity[];
  outcomeChecks: readonly OutcomeCheckEntity[];
  attentionItems: readonly AttentionItemEntity[];
  coachNotes: readonly CoachNoteEntity[];
  generatedAt: Date;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * Everything held about one participant, in the documented `retrowalk.export.v1` shape. Fields are
 * listed one by one rather than spread from the rows, so a column added later does not slip into
 * (or out of) the export unnoticed.
 */
export function toExportDocument(source: ExportSource): ExportDocument {
  const e = source.enrollment;
  return {
    format: EXPORT_FORMAT,
    generatedAt: source.generatedAt.toISOString(),
    organization: { name: source.organizationName },
    enrollment: {
      id: e.id,
      email: e.email,
      firstName: e.firstName,
      externalId: e.externalId,
      timezone: e.timezone,
      reminder: { days: [...e.reminderDays], time: e.reminderTime },
      audience: e.audience,
      screening: { ...e.screening },
      status: e.status,
      level: e.level,
      levelBeforeStop: e.levelBeforeStop,
      createdAt: e.createdAt.toISOString(),
      confirmedAt: iso(e.confirmedAt),
      pausedAt: iso(e.pausedAt),
      unsubscribedAt: iso(e.unsubscribedAt),
      updatedAt: e.updatedAt.toISOString(),
    },
    checkIns: source.checkIns.map((c) => ({
      id: c.id,
      performedAt: c.performedAt.toISOString(),
      level: c.level,
      report: { ...c.report },
      action: c.action,
      levelAfter: c.levelAfter,
      needsFollowUp: c.needsFollowUp,
      followUpAnswer: c.followUpAnswer,
      followUpAnsweredAt: iso(c.followUpAnsweredAt),
      createdAt: c.createdAt.toISOString(),
    })),
    decisions: source.decisions.map((d) => ({
      id: d.id,
      checkInId: d.checkInId,
      source: d.source,
      action: d.action,
      levelBefore: d.levelBefore,
      levelAfter: d.levelAfter,
      statusAfter: d.statusAfter,
      rules: d.rules.map((r) => ({ rule: r.rule, reason: r.reason, inputs: { ...r.inputs } })),
      actorKind: d.actorKind,
      note: d.note,
      createdAt: d.createdAt.toISOString(),
    })),
    outcomeChecks: source.outcomeChecks.map((o) => ({
      timepoint: o.timepoint,
      week: o.week,
      opensAt: o.opensAt.toISOString(),
      closesAt: o.closesAt.toISOString(),
      askedAt: iso(o.askedAt),
      answeredAt: iso(o.answeredAt),
      countsAsBaseline: o.countsAsBaseline,
      pain: o.pain,
      activities: o.activities.map((a) => ({ name: a.name, score: a.score })),
      globalChange: o.globalChange,
    })),
    attentionItems: source.attentionItems.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      openedAt: a.openedAt.toISOString(),
      acknowledgedAt: iso(a.acknowledgedAt),
      note: a.note,
      closedAt: iso(a.closedAt),
    })),
    coachNotes: source.coachNotes.map((n) => ({
      id: n.id,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
    })),
    messages: source.messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      dueAt: m.dueAt.toISOString(),
      status: m.status,
      sentAt: iso(m.sentAt),
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
