import { type MigrationInterface, type QueryRunner } from 'typeorm';
// By path, not '@retrowalk/domain': the test suites' global setup runs migrations without the
// path aliases. It is the same rule the services store new names with.
import { canonicalTimeZone } from '../../../domain/src/schedule/time-zone-name';

const COLUMNS = [
  ['enrollments', 'timezone'],
  ['organizations', 'default_timezone'],
] as const;

/**
 * Timezones used to be stored as typed ("europe/berlin", "Asia/Calcutta"); they are now stored as
 * the tz database spells them. This rewrites the rows written before, one distinct name at a time.
 * A name the rules now refuse (a fixed offset such as "Etc/GMT+5") is left as it is: it still
 * works, and the next change of timezone replaces it with a real one.
 */
export class CanonicalTimeZones1765200000000 implements MigrationInterface {
  name = 'CanonicalTimeZones1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) {
      const names = (await q.query(
        `SELECT DISTINCT ${column} AS name FROM ${table} WHERE ${column} IS NOT NULL`,
      )) as { name: string }[];
      for (const { name } of names) {
        const canonical = canonicalTimeZone(name);
        if (canonical !== null && canonical !== name) {
          await q.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`, [canonical, name]);
        }
      }
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: both spellings name the same zone, and the old ones were not recorded.
  }
}
