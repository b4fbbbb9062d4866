import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The schedule learns to survive outages:
 * - `attempt_at`: when the sender next tries a row. It starts as `due_at` and moves later when a
 *   claim's tries were spent on transient failures; `due_at` keeps the intended time (expiry and
 *   lateness are measured from it). The dispatcher's hot index moves to `attempt_at`.
 * - `claim_seq`: a fencing number, raised at every claim. The BullMQ job id is `<id>.<claim_seq>`,
 *   so a row can always be enqueued again whatever BullMQ still holds for an earlier claim, and a
 *   job of an earlier claim finds nothing to do.
 * - `reschedules` counts the returns to the schedule (for the backoff); `last_error` keeps the
 *   latest transient failure for the people reading the timeline.
 * - `chained`: whether claiming the row has already scheduled its successor (the next reminder,
 *   summary or nudge), so a second claim (a retry, a take-over) never schedules it again.
 * - Statuses: `failed` and `skipped` go. A transient failure is never final any more; what is final
 *   reads as what happened: sent, bounced, suppressed, cancelled (with a reason) or expired.
 *
 * Rows the old code gave up on after a few minutes of outage are given back to the schedule now;
 * the expiry rules decide at send time whether each is still worth sending.
 */
export class DeliveryGuarantee1765000000000 implements MigrationInterface {
  name = 'DeliveryGuarantee1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages
        ADD COLUMN attempt_at timestamptz,
        ADD COLUMN claim_seq integer NOT NULL DEFAULT 0,
        ADD COLUMN reschedules integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN chained boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE messages SET attempt_at = due_at, chained = (status <> 'pending')`);
    await q.query(`ALTER TABLE messages ALTER COLUMN attempt_at SET NOT NULL`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_status_check`);
    await q.query(`
      UPDATE messages SET status = CASE WHEN finished_reason = 'stale' THEN 'expired' ELSE 'cancelled' END
      WHERE status = 'skipped'`);
    // A 5xx refusal of the recipient was final before too; anything else was an outage.
    await q.query(`
      UPDATE messages SET status = 'bounced'
      WHERE status = 'failed' AND finished_reason ~ '(^|[^0-9])5[0-9][0-9]([^0-9]|$)'`);
    await q.query(`
      UPDATE messages SET status = 'cancelled'
      WHERE status = 'failed' AND finished_reason = 'organization_missing'`);
    await q.query(`
      UPDATE messages SET status = 'pending', attempt_at = now(), last_error = finished_reason,
                          finished_reason = NULL, lease_until = NULL
      WHERE status = 'failed'`);
    await q.query(`
      ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN
        ('pending','queued','sending','sent','bounced','suppressed','cancelled','expired'))`);
    await q.query(`DROP INDEX messages_pending_due`);
    await q.query(`CREATE INDEX messages_pending_attempt ON messages (attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_pending_attempt`);
    await q.query(`CREATE INDEX messages_pending_due ON messages (due_at) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_status_check`);
    await q.query(`UPDATE messages SET status = 'failed' WHERE status IN ('bounced', 'suppressed')`);
    await q.query(`UPDATE messages SET status = 'skipped' WHERE status = 'expired'`);
    await q.query(`
      ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN
        ('pending','queued','sending','sent','failed','cancelled','skipped'))`);
    await q.query(`
      ALTER TABLE messages DROP COLUMN attempt_at, DROP COLUMN claim_seq, DROP COLUMN reschedules,
                           DROP COLUMN last_error, DROP COLUMN chained`);
  }
}
