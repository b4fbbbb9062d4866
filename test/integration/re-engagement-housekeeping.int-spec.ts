import { LinkService } from '@retrowalk/application';
import { type MessageEntity, UnitOfWork } from '@retrowalk/persistence';
import { CLEAN_WALK, enrollmentBody, RetrowalkHarness, SmtpSink } from '@retrowalk/testing';
import { type QueryRunner } from 'typeorm';
import { SupersededReEngagementRows1765010000000 } from '../../libs/persistence/src/migrations/1765010000000-superseded-re-engagement-rows';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** The re-engagement nudge has one row per person: each sign of life moves it, nothing piles up. */
describe('re-engagement housekeeping', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url });
    ({ apiKey } = await rw.createOrganization('Tidy Physio'));
    await rw.advanceClock(apiKey, '2027-03-01T14:00:00Z'); // Monday, 09:00 in New York
  });

  afterAll(async () => {
    await rw.close();
    await smtp.stop();
  });

  const query = <T>(sql: string, params: unknown[] = []) =>
    rw.api.get(UnitOfWork).run((tx) => tx.query<T[]>(sql, params));

  const nudges = (enrollmentId: string) =>
    query<Pick<MessageEntity, 'id' | 'status'> & { due_at: Date; dedupe_key: string }>(
      `SELECT id, status, due_at, dedupe_key FROM messages WHERE enrollment_id = $1 AND kind = 're_engagement'`,
      [enrollmentId],
    );

  it('moves its one pending row on every check-in instead of cancelling and inserting', async () => {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    const id = String(created.body.id);
    await rw.request('POST', `/p/confirm/${rw.api.get(LinkService).token('confirm', id)}`);
    const [planned] = await nudges(id);
    expect(planned).toMatchObject({
      status: 'pending',
      due_at: new Date(Date.parse('2027-03-01T14:00:00Z') + WEEK),
    });

    let now = Date.parse('2027-03-01T14:00:00Z');
    for (let walk = 0; walk < 40; walk++) {
      now += 2 * HOUR + 7 * 60_000;
      await rw.advanceClock(apiKey, new Date(now));
      const res = await rw.request('POST', `/v1/enrollments/${id}/check-ins`, {
        apiKey,
        body: { ...CLEAN_WALK, performedAt: new Date(now - 60_000).toISOString() },
      });
      expect(res.status).toBe(201);
    }

    const rows = await nudges(id);
    expect(rows).toHaveLength(1);
    const [only] = rows;
    expect(only!.id).toBe(planned!.id);
    expect(only!.status).toBe('pending');
    // A week after the last walk, moved out of the 21:00-07:00 quiet hours (New York time).
    const lastWalk = new Date(now);
    const weekLater = new Date(lastWalk.getTime() + WEEK);
    expect(only!.due_at.getTime()).toBeGreaterThanOrEqual(weekLater.getTime());
    const newYorkHour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/New_York',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(only!.due_at),
    );
    expect(newYorkHour >= 7 && newYorkHour < 21).toBe(true);
    expect(only!.dedupe_key).toBe(`re_engagement:${id}:${only!.due_at.toISOString()}`);
  });

  it('drops the cancelled rows the old way left behind, and nothing else', async () => {
    const created = await rw.request('POST', '/v1/enrollments', { apiKey, body: enrollmentBody() });
    const id = String(created.body.id);
    const [org] = await query<{ organization_id: string }>(
      'SELECT organization_id FROM enrollments WHERE id = $1',
      [id],
    );
    const insert = (kind: string, status: string, reason: string | null, n: number) =>
      query(
        `INSERT INTO messages (organization_id, enrollment_id, kind, dedupe_key, due_at, attempt_at, status,
                               finished_reason, created_at)
         SELECT $1::uuid, $2::uuid, $3::text, $3::text || ':' || $2::text || ':' || $4::text || ':' || g,
                '2030-01-01', '2030-01-01', $4::text, $5::text, now() FROM generate_series(1, $6::int) g`,
        [org!.organization_id, id, kind, status, reason, n],
      );
    await insert('re_engagement', 'cancelled', 'activity', 25);
    await insert('re_engagement', 'cancelled', 'paused', 1);
    await insert('reminder', 'cancelled', 'activity', 1);
    await insert('re_engagement', 'pending', null, 1);

    await rw.api.get(UnitOfWork).run((tx) =>
      new SupersededReEngagementRows1765010000000().up({
        query: (sql: string) => tx.query(sql),
      } as QueryRunner),
    );

    const left = await query<{ kind: string; status: string; finished_reason: string | null }>(
      `SELECT kind, status, finished_reason FROM messages
       WHERE enrollment_id = $1 AND due_at = '2030-01-01' ORDER BY kind, status`,
      [id],
    );
    expect(left).toEqual([
      { kind: 're_engagement', status: 'cancelled', finished_reason: 'paused' },
      { kind: 're_engagement', status: 'pending', finished_reason: null },
      { kind: 'reminder', status: 'cancelled', finished_reason: 'activity' },
    ]);
  });
});
