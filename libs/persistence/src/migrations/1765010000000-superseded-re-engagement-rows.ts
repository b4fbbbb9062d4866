import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Until the re-engagement nudge was moved in place, every check-in cancelled the pending nudge
 * (reason 'activity') and inserted a new one: one dead row per check-in (46,916 after 47,000
 * check-ins in one run). Those rows were never sent and nothing reads them but the timeline and the
 * data export, where they are noise ("re_engagement cancelled" after every walk). Nudges cancelled
 * for any other reason (pause, stop, unsubscribe, erasure) stay: they tell the story.
 */
export class SupersededReEngagementRows1765010000000 implements MigrationInterface {
  name = 'SupersededReEngagementRows1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM messages WHERE kind = 're_engagement' AND status = 'cancelled' AND finished_reason = 'activity'`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: the rows only ever recorded that a nudge was superseded.
  }
}
