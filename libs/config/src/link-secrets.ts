export const MIN_LINK_SECRET_LENGTH = 32;
/** Each one is tried on every link that does not verify with the current secret. */
const MAX_PREVIOUS_SECRETS = 5;

function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `number ${n}`;
}

/**
 * LINK_SECRET_PREVIOUS: the secrets links were signed with before LINK_SECRET, comma separated
 * (spaces around each are ignored), so links in old emails keep working through a rotation.
 * Problems say which entry is wrong and why, never what it holds: these are secrets.
 */
export function readPreviousLinkSecrets(raw: string | undefined): { secrets: string[]; problems: string[] } {
  if (raw === undefined) return { secrets: [], problems: [] };
  const entries = raw.split(',').map((entry) => entry.trim());
  const problems: string[] = [];
  if (entries.length > MAX_PREVIOUS_SECRETS) {
    problems.push(
      `LINK_SECRET_PREVIOUS: at most ${MAX_PREVIOUS_SECRETS} previous secrets (got ${entries.length}); ` +
        'drop those older than the longest link lifetime (a year)',
    );
  }
  entries.forEach((entry, index) => {
    const which = `the ${ordinal(index + 1)} of ${entries.length} secret(s)`;
    if (entry === '') problems.push(`LINK_SECRET_PREVIOUS: ${which} is empty (a stray comma?)`);
    else if (entry.length < MIN_LINK_SECRET_LENGTH) {
      problems.push(`LINK_SECRET_PREVIOUS: ${which} is shorter than ${MIN_LINK_SECRET_LENGTH} characters`);
    }
  });
  return { secrets: [...new Set(entries)], problems };
}
