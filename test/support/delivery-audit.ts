import { Client } from 'pg';
import { type ReceivedEmail } from '../../scripts/support/smtp-sink';
import { type RetrowalkHarness } from './retrowalk-harness';

export interface MessageRow {
  id: string;
  kind: string;
  status: string;
  reschedules: number;
  attempts: number;
  last_error: string | null;
  finished_reason: string | null;
}

/** The scheduled row an email was sent for: Message-ID is `<row id@domain>`. */
export function rowIdOf(email: ReceivedEmail): string {
  return /^<?([^@>]+)@/.exec(email.messageId)?.[1] ?? '';
}

/** Every row of the schedule (or those `where` picks), oldest first, read straight from Postgres. */
export async function messageRows(
  rw: RetrowalkHarness,
  where = 'true',
  params: unknown[] = [],
): Promise<MessageRow[]> {
  const client = new Client({ connectionString: rw.database.url });
  await client.connect();
  try {
    const result = await client.query<MessageRow>(
      `SELECT id, kind, status, reschedules, attempts, last_error, finished_reason FROM messages
       WHERE ${where} ORDER BY created_at, due_at, id`,
      params,
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

/** How many copies of each row arrived at the listener. */
export function copiesByRow(received: readonly ReceivedEmail[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const email of received) {
    const id = rowIdOf(email);
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  return copies;
}
