/** The documented shape of a participant's data export; bump the version on any breaking change. */
export const EXPORT_FORMAT = 'retrowalk.export.v1';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  organization: { name: string };
  enrollment: {
    id: string;
    email: string;
    firstName: string;
    externalId: string | null;
    timezone: string;
    reminder: { days: string[]; time: string };
    audience: string;
    screening: Record<string, unknown>;
    status: string;
    level: number;
    levelBeforeStop: number | null;
    createdAt: string;
    confirmedAt: string | null;
    pausedAt: string | null;
    unsubscribedAt: string | null;
    updatedAt: string;
  };
  checkIns: {
    id: string;
    performedAt: string;
    level: number;
    report: Record<string, unknown>;
    action: string;
    levelAfter: number;
    needsFollowUp: boolean;
    followUpAnswer: string | null;
    followUpAnsweredAt: string | null;
    createdAt: string;
  }[];
  decisions: {
    id: string;
    checkInId: string | null;
    source: string;
    action: string;
    levelBefore: number;
    levelAfter: number;
    statusAfter: string;
    rules: { rule: string; reason: string; inputs: Record<string, unknown> }[];
    /** Who decided, when a person did (a clearance): member, api_key or participant. */
    actorKind: string | null;
    note: string | null;
    createdAt: string;
  }[];
  /** The outcome checks: when each was asked and answered, and the answers. */
  outcomeChecks: {
    timepoint: string;
    week: number;
    opensAt: string;
    closesAt: string;
    askedAt: string | null;
    answeredAt: string | null;
    countsAsBaseline: boolean | null;
    pain: number | null;
    activities: { name: string; score: number | null }[];
    globalChange: string | null;
  }[];
  /** What needed a coach's attention about them, and what the coach wrote when they saw it. */
  attentionItems: {
    id: string;
    kind: string;
    status: string;
    openedAt: string;
    acknowledgedAt: string | null;
    note: string | null;
    closedAt: string | null;
  }[];
  /** Notes their coaches wrote on their timeline. */
  coachNotes: { id: string; text: string; createdAt: string }[];
  /** What was scheduled and sent; the bodies are not kept, so they are not here. */
  messages: {
    id: string;
    kind: string;
    dueAt: string;
    status: string;
    sentAt: string | null;
    createdAt: string;
  }[];
}

/**
 * The download's file name: the enrolment id and the date, never the person's name or address,
 * which would then sit in download folders and browser histories.
 */
export function exportFileName(enrollmentId: string, generatedAt: Date): string {
  return `retrowalk-export-${enrollmentId}-${generatedAt.toISOString().slice(0, 10)}.json`;
}
