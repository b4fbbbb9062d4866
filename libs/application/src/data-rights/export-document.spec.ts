import { type ExportSource, toExportDocument } from './export-document';

const at = (iso: string) => new Date(iso);

const source = {
  organizationName: 'Knee Club',
  generatedAt: at('2027-05-06T10:00:00Z'),
  enrollment: {
    id: 'e1',
    organizationId: 'o1',
    email: 'sam@example.com',
    firstName: 'Sam',
    timezone: 'Europe/London',
    reminderDays: ['mon', 'fri'],
    reminderTime: '07:30',
    audience: 'general',
    screening: { vertigo: true },
    externalId: 'crm-1',
    status: 'needs_clearance',
    level: 2,
    levelBeforeStop: 2,
    confirmedAt: at('2027-05-01T08:00:00Z'),
    pausedAt: null,
    unsubscribedAt: null,
    erasedAt: null,
    createdAt: at('2027-05-01T07:00:00Z'),
    updatedAt: at('2027-05-05T09:00:00Z'),
  },
  checkIns: [
    {
      id: 'c1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      performedAt: at('2027-05-05T08:30:00Z'),
      level: 2,
      report: { painDuring: 7, notes: 'sharp on the stairs' },
      action: 'stop',
      levelAfter: 2,
      needsFollowUp: false,
      followUpAnswer: null,
      followUpAnsweredAt: null,
      idempotencyKey: 'client-key',
      response: { id: 'c1' },
      createdAt: at('2027-05-05T09:00:00Z'),
    },
  ],
  decisions: [
    {
      id: 'd1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      checkInId: 'c1',
      source: 'check_in',
      action: 'stop',
      levelBefore: 2,
      levelAfter: 2,
      statusAfter: 'needs_clearance',
      rules: [{ rule: 'red_flag.pain_6_plus', inputs: { painDuring: 7 }, reason: 'Pain 7 of 10' }],
      actorKind: null,
      actorMemberId: null,
      actorApiKeyId: null,
      note: null,
      createdAt: at('2027-05-05T09:00:00Z'),
    },
  ],
  attentionItems: [
    {
      id: 'a1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      kind: 'safety_stop',
      urgency: 0,
      status: 'acknowledged',
      openedAt: at('2027-05-05T09:00:00Z'),
      checkInId: 'c1',
      acknowledgedAt: at('2027-05-05T10:00:00Z'),
      acknowledgedByMemberId: 'member-1',
      acknowledgedByApiKeyId: null,
      note: 'Called Sam, seeing the GP today',
      closedAt: null,
      closedBy: null,
    },
  ],
  coachNotes: [
    {
      id: 'n1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      memberId: 'member-1',
      apiKeyId: null,
      text: 'Prefers calls after 5pm',
      createdAt: at('2027-05-05T11:00:00Z'),
    },
  ],
  messages: [
    {
      id: 'm1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      kind: 'safety_stop',
      dedupeKey: 'safety_stop:c1:check_in',
      dueAt: at('2027-05-05T09:00:00Z'),
      localDate: null,
      status: 'sent',
      checkInId: 'c1',
      leaseUntil: null,
      attempts: 1,
      sentAt: at('2027-05-05T09:00:02Z'),
      finishedReason: null,
      createdAt: at('2027-05-05T09:00:00Z'),
    },
  ],
  outcomeChecks: [
    {
      id: 'o1',
      organizationId: 'o1',
      enrollmentId: 'e1',
      timepoint: 'baseline',
      week: 0,
      opensAt: at('2027-05-01T08:00:00Z'),
      closesAt: at('2027-05-15T08:00:00Z'),
      askedAt: at('2027-05-01T08:01:02Z'),
      answeredAt: at('2027-05-02T19:00:00Z'),
      pain: 6,
      activities: [{ name: 'Climbing stairs', score: 3 }],
      globalChange: null,
      countsAsBaseline: true,
      baselinePain: null,
      psfsSixths: 18,
      psfsChangeSixths: null,
      createdAt: at('2027-05-01T08:00:00Z'),
    },
  ],
} as unknown as ExportSource;

describe('toExportDocument', () => {
  const doc = toExportDocument(source);

  it('is the versioned format with the time it was made', () => {
    expect(doc.format).toBe('retrowalk.export.v1');
    expect(doc.generatedAt).toBe('2027-05-06T10:00:00.000Z');
    expect(doc.organization).toEqual({ name: 'Knee Club' });
  });

  it('holds the enrolment with its screening answers and times, without internal ids', () => {
    expect(doc.enrollment).toMatchObject({
      id: 'e1',
      email: 'sam@example.com',
      externalId: 'crm-1',
      reminder: { days: ['mon', 'fri'], time: '07:30' },
      screening: { vertigo: true },
      confirmedAt: '2027-05-01T08:00:00.000Z',
      pausedAt: null,
    });
    expect(doc.enrollment).not.toHaveProperty('organizationId');
  });

  it('holds each check-in with its full report and each decision with its rules and inputs', () => {
    expect(doc.checkIns[0]).toMatchObject({ report: { painDuring: 7, notes: 'sharp on the stairs' } });
    expect(doc.checkIns[0]).not.toHaveProperty('idempotencyKey');
    expect(doc.decisions[0]!.rules).toEqual([
      { rule: 'red_flag.pain_6_plus', reason: 'Pain 7 of 10', inputs: { painDuring: 7 } },
    ]);
  });

  it('lists messages by kind, due time, status and sent time only', () => {
    expect(doc.messages).toEqual([
      {
        id: 'm1',
        kind: 'safety_stop',
        dueAt: '2027-05-05T09:00:00.000Z',
        status: 'sent',
        sentAt: '2027-05-05T09:00:02.000Z',
        createdAt: '2027-05-05T09:00:00.000Z',
      },
    ]);
  });

  it('holds each outcome check with its answers, not the numbers derived from them', () => {
    expect(doc.outcomeChecks).toEqual([
      {
        timepoint: 'baseline',
        week: 0,
        opensAt: '2027-05-01T08:00:00.000Z',
        closesAt: '2027-05-15T08:00:00.000Z',
        askedAt: '2027-05-01T08:01:02.000Z',
        answeredAt: '2027-05-02T19:00:00.000Z',
        countsAsBaseline: true,
        pain: 6,
        activities: [{ name: 'Climbing stairs', score: 3 }],
        globalChange: null,
      },
    ]);
  });

  it("holds what needed a coach's attention and the coaches' notes, with their words, not who wrote them", () => {
    expect(doc.attentionItems).toEqual([
      {
        id: 'a1',
        kind: 'safety_stop',
        status: 'acknowledged',
        openedAt: '2027-05-05T09:00:00.000Z',
        acknowledgedAt: '2027-05-05T10:00:00.000Z',
        note: 'Called Sam, seeing the GP today',
        closedAt: null,
      },
    ]);
    expect(doc.coachNotes).toEqual([
      { id: 'n1', text: 'Prefers calls after 5pm', createdAt: '2027-05-05T11:00:00.000Z' },
    ]);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
