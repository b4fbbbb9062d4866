import { AttentionService, LinkService, MemberService } from '@retrowalk/application';
import {
  CheckInRepository,
  EnrollmentRepository,
  MemberRepository,
  MessageRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, RetrowalkHarness } from '@retrowalk/testing';

/**
 * A row locked for a change (a check-in locks its participant, a follow-up answer its check-in, a
 * role change its member) must not hold up transactions that only write rows pointing at it: their
 * foreign key check takes KEY SHARE on the row, which FOR UPDATE blocks and FOR NO KEY UPDATE does
 * not. Blocked, the worker's sweep (timers taken, then an attention item inserted) and a check-in
 * (participant locked, then the same timers written) wait on each other: Postgres ends one of them
 * as a deadlock, and a participant's walk answered 500 (CI saw it). Changes to one row still go one
 * after the other.
 */
describe('row locks for a change', () => {
  let rw: RetrowalkHarness;
  let uow: UnitOfWork;
  let organizationId: string;
  let enrollmentId: string;
  let checkInId: string;
  let memberId: string;
  const at = new Date('2027-03-08T12:00:00Z');

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    uow = rw.api.get(UnitOfWork);
    const org = await rw.createOrganization('Lock Physio');
    organizationId = org.organizationId;
    await rw.advanceClock(org.apiKey, at);
    const created = await rw.request('POST', '/v1/enrollments', {
      apiKey: org.apiKey,
      body: enrollmentBody(),
    });
    enrollmentId = String(created.body.id);
    await rw.request('POST', rw.api.get(LinkService).url('confirm', enrollmentId));
    const walked = await rw.request('POST', `/v1/enrollments/${enrollmentId}/check-ins`, {
      apiKey: org.apiKey,
      body: { ...CLEAN_WALK, performedAt: at.toISOString(), painDuring: 5, painType: 'aching' },
    });
    expect(walked.status).toBe(201);
    checkInId = String(walked.body.id);
    const member = await rw.api
      .get(MemberService)
      .invite(organizationId, { email: 'lead@lock.test', name: 'Lead Physio', role: 'coach' });
    memberId = member.id;
  });

  afterAll(async () => {
    await rw.close();
  });

  /** Runs `meanwhile` while another transaction holds the lock `lock` takes, then lets it go. */
  async function whileLocked(lock: (tx: Tx) => Promise<unknown>, meanwhile: () => Promise<void>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = uow.run(async (tx) => {
      expect(await lock(tx)).not.toBeNull();
      locked();
      await released;
    });
    await Promise.race([isLocked, holder]);
    try {
      await meanwhile();
    } finally {
      release();
      await holder;
    }
  }

  /** Another transaction, which gives up on any lock it cannot have within `timeout`. */
  const impatient = (timeout: string, work: (tx: Tx) => Promise<unknown>) =>
    uow.run(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '${timeout}'`);
      await work(tx);
    });

  const messages = () => rw.api.get(MessageRepository);
  let keys = 0;
  const pointingAt = (refs: { enrollmentId?: string; checkInId?: string }) => (tx: Tx) =>
    messages().insertIfAbsent(
      tx,
      [
        {
          organizationId,
          enrollmentId: refs.enrollmentId ?? enrollmentId,
          kind: 'pain_follow_up',
          dedupeKey: `lock-test:${keys++}`,
          dueAt: at,
          checkInId: refs.checkInId ?? null,
        },
      ],
      at,
    );

  const lockTimeout = { driverError: expect.objectContaining({ code: '55P03' }) };

  it('a participant locked for a check-in: rows pointing at them are still written; another change waits', async () => {
    const enrollments = rw.api.get(EnrollmentRepository);
    const lockParticipant = (tx: Tx) => enrollments.findForLink(enrollmentId, { tx, lock: true });
    await whileLocked(lockParticipant, async () => {
      await impatient('2s', pointingAt({ enrollmentId }));
      await impatient('2s', (tx) =>
        tx.query(
          `INSERT INTO attention_items (organization_id, enrollment_id, kind, urgency, status, opened_at)
           VALUES ($1, $2, 'inactive', 3, 'open', $3)`,
          [organizationId, enrollmentId, at],
        ),
      );
      await expect(impatient('200ms', lockParticipant)).rejects.toMatchObject(lockTimeout);
    });
  });

  it('a check-in locked for its follow-up answer: a message about it is still written; another answer waits', async () => {
    const checkIns = rw.api.get(CheckInRepository);
    const lockCheckIn = (tx: Tx) => checkIns.latestAwaitingFollowUp(tx, enrollmentId);
    await whileLocked(lockCheckIn, async () => {
      await impatient('2s', pointingAt({ checkInId }));
      await expect(impatient('200ms', lockCheckIn)).rejects.toMatchObject(lockTimeout);
    });
  });

  it('a member locked for a change: an email to them is still queued; another change waits', async () => {
    const members = rw.api.get(MemberRepository);
    const lockMember = (tx: Tx) =>
      members.findActiveInOrganization(organizationId, memberId, { tx, lock: true });
    await whileLocked(lockMember, async () => {
      await impatient('2s', (tx) =>
        messages().insertForMember(
          tx,
          { organizationId, memberId, kind: 'sign_in', dedupeKey: `lock-test:${keys++}`, dueAt: at },
          at,
        ),
      );
      await expect(impatient('200ms', lockMember)).rejects.toMatchObject(lockTimeout);
    });
  });

  it("the worker's sweep leaves the timers of a participant a check-in holds for its next round", async () => {
    const enrollments = rw.api.get(EnrollmentRepository);
    const sweep = rw.api.get(AttentionService);
    const lockParticipant = (tx: Tx) => enrollments.findForLink(enrollmentId, { tx, lock: true });
    await uow.manager.query(`DELETE FROM attention_items WHERE enrollment_id = $1 AND kind = 'inactive'`, [
      enrollmentId,
    ]);
    // Their "inactive" timer ran out a minute ago (confirming started it).
    const [, moved] = await uow.manager.query<[unknown, number]>(
      `UPDATE attention_timers SET due_at = $2 WHERE enrollment_id = $1 AND kind = 'inactive'`,
      [enrollmentId, new Date(at.getTime() - 60_000)],
    );
    expect(moved).toBe(1);
    const open = () =>
      uow.manager.query(`SELECT 1 FROM attention_items WHERE enrollment_id = $1 AND kind = 'inactive'`, [
        enrollmentId,
      ]);
    await whileLocked(lockParticipant, async () => {
      expect(await sweep.openDue()).toBe(0);
      expect(await open()).toHaveLength(0);
    });
    expect(await sweep.openDue()).toBe(1);
    expect(await open()).toHaveLength(1);
  });
});
