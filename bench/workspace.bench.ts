/**
 * Coach workspace benchmark:
 *   npm run bench:workspace -- [--enrolments 100000] [--walks 10] [--concurrency 4] [--seconds 15] [--keep]
 *
 * Issue 9 asks that, with 100,000 enrolments and 1,000,000 check-ins in one organisation, the
 * participants list, a search and the attention list answer with p99 under 100 ms at 4 requests in
 * flight. This seeds exactly that (by generate_series in Postgres: names, emails and external ids
 * to search, statuses, levels, last walks, ten walks each, a few thousand open attention items and
 * a history of closed and acknowledged ones), starts the real API as its own process, and keeps
 * `concurrency` requests in flight against each scenario in turn: the API routes and the pages a
 * signed-in coach opens (session cookie, the organisation's transaction, HTML rendered).
 *
 * Own database and Redis prefix. Environment: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/retrowalk_bench_workspace), REDIS_URL. Results (markdown) on
 * stdout, progress on stderr.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { hashApiKey } from '@retrowalk/application';
import { percentile, recreateDatabase, startApiProcess, waitUntilApiReady, withClient } from './support';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench_workspace';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = 'rwbench-workspace';
const PORT = 3919;
const API_KEY = 'rw_bench-workspace-key-00000000000000000000000000000';
const SESSION = 'bench-workspace-session-token-0000000000000000';
const WARM_UP_MS = 2_000;
const TARGET_P99_MS = 100;

const FIRST_NAMES = [
  'Sam',
  'Samira',
  'Samuel',
  'Alex',
  'Alexandra',
  'Maria',
  'Marianne',
  'Jo',
  'Joanna',
  'Jonas',
  'Priya',
  'Wendy',
  'Ingrid',
  'Björn',
  'Kai',
  'Lena',
  'Omar',
  'Fatima',
  'Chen',
  'Mei',
  'Lucas',
  'Sofia',
  'Noah',
  'Emma',
  'Liam',
  'Olivia',
  'Hugo',
  'Ines',
  'Rafael',
  'Ana',
  'Tom',
  'Tomasz',
  'Eva',
  'Niamh',
  'Sean',
  'Aisha',
  'Yusuf',
  'Hana',
  'Kenji',
  'Aiko',
  'Pedro',
  'Lucia',
  'Mateo',
  'Zoe',
  'Finn',
  'Freya',
  'Arjun',
  'Leila',
  'Dmitri',
  'Olga',
  'Grace',
  'Henry',
  'Isla',
  'Jack',
  'Ruby',
  'Oscar',
  'Ella',
  'Max',
  'Mila',
];
const SURNAMES = [
  'okafor',
  'smith',
  'patel',
  'nguyen',
  'garcia',
  'muller',
  'rossi',
  'dubois',
  'kowalski',
  'jensen',
  'silva',
  'tanaka',
  'kim',
  'ali',
  'brown',
  'wilson',
  'murphy',
  'oconnor',
  'novak',
  'horvat',
];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function seed(enrolments: number, walks: number): Promise<void> {
  await withClient(DATABASE_URL, async (db) => {
    const now = new Date();
    const org = await db.query<{ id: string }>(
      `INSERT INTO organizations (name, coach_email, created_at) VALUES ('Bench Physio', 'coach@bench.test', $1)
       RETURNING id`,
      [now],
    );
    const organizationId = org.rows[0]!.id;
    await db.query(
      `INSERT INTO api_keys (organization_id, prefix, key_hash, role, created_at) VALUES ($1, $2, $3, 'admin', $4)`,
      [organizationId, API_KEY.slice(0, 10), hashApiKey(API_KEY), now],
    );
    const member = await db.query<{ id: string }>(
      `INSERT INTO members (organization_id, email, name, role, created_at)
       VALUES ($1, 'dana@bench.test', 'Dana', 'coach', $2) RETURNING id`,
      [organizationId, now],
    );
    await db.query(
      `INSERT INTO member_sessions (organization_id, member_id, token_hash, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $4)`,
      [organizationId, member.rows[0]!.id, createHash('sha256').update(SESSION).digest('hex'), now],
    );
    log(`  ${enrolments.toLocaleString('en')} enrolments`);
    await db.query(
      `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
         audience, screening, external_id, status, level, confirmed_at, last_walk_at, created_at, updated_at)
       SELECT $1,
         lower(($2::text[])[1 + i % cardinality($2::text[])]) || '.' || ($3::text[])[1 + (i / 7) % cardinality($3::text[])]
           || i || '@' || (ARRAY['example.com', 'acme.example', 'mail.test'])[1 + i % 3],
         ($2::text[])[1 + i % cardinality($2::text[])], 'Europe/London', '{mon,wed,fri}', '07:30',
         (ARRAY['knee_pain', 'post_surgical', 'athlete', 'older_adult', 'general'])[1 + i % 5], '{}',
         CASE WHEN i % 4 = 0 THEN NULL ELSE 'EMP-' || lpad(i::text, 6, '0') END,
         CASE WHEN i % 25 = 0 THEN 'paused' WHEN i % 97 = 0 THEN 'needs_clearance'
              WHEN i % 31 = 0 THEN 'pending_confirmation' ELSE 'active' END,
         1 + i % 6, t + interval '1 hour',
         CASE WHEN i % 31 = 0 THEN NULL ELSE $4::timestamptz - interval '1 minute' * ((i::bigint * 7919) % 20160) END,
         t, t
       FROM generate_series(1, $5::int) AS i,
         LATERAL (SELECT $4::timestamptz - interval '90 days' * ((i::bigint * 104729) % $5)::float / $5 AS t) AS at`,
      [organizationId, FIRST_NAMES, SURNAMES, now, enrolments],
    );
    log(`  ${(enrolments * walks).toLocaleString('en')} check-ins`);
    await db.query(
      `INSERT INTO check_ins (organization_id, enrollment_id, performed_at, level, report, action, level_after,
         needs_follow_up, response, created_at)
       SELECT e.organization_id, e.id, w.at, e.level,
         jsonb_build_object('painDuring', (k * 7 + length(e.email)) % 6, 'painType', 'aching', 'durationMinutes', 10),
         'carry_on', e.level, false, '{}', w.at
       FROM enrollments e, generate_series(1, $2::int) AS k,
         LATERAL (SELECT e.created_at + interval '2 days' * k) AS w(at)
       WHERE e.organization_id = $1`,
      [organizationId, walks],
    );
    log('  attention items and timers');
    // Open: a stop for everyone stopped, some worse knees and silences, many inactive (as in life).
    await db.query(
      `INSERT INTO attention_items (organization_id, enrollment_id, kind, urgency, status, opened_at)
       SELECT organization_id, id, kind, urgency, 'open', $2::timestamptz - interval '1 minute' * (hashtext(id::text) % 5000 + 5000)
       FROM (
         SELECT e.*, CASE WHEN e.status = 'needs_clearance' THEN 'safety_stop'
                          WHEN abs(hashtext(e.id::text)) % 200 = 0 THEN 'pain_worse'
                          WHEN abs(hashtext(e.id::text)) % 150 = 1 THEN 'follow_up_unanswered'
                          WHEN abs(hashtext(e.id::text)) % 20 = 2 THEN 'inactive' END AS kind
         FROM enrollments e WHERE e.organization_id = $1
       ) x
       CROSS JOIN LATERAL (SELECT array_position(ARRAY['safety_stop','clearance_requested','pain_worse',
         'follow_up_unanswered','inactive','undeliverable','outcome_worse'], x.kind) - 1 AS urgency) u
       WHERE kind IS NOT NULL`,
      [organizationId, now],
    );
    // History: a closed or acknowledged item for a third of everyone.
    await db.query(
      `INSERT INTO attention_items (organization_id, enrollment_id, kind, urgency, status, opened_at, closed_at,
         closed_by, acknowledged_at, acknowledged_by_member_id, note)
       SELECT e.organization_id, e.id, 'inactive', 4, CASE WHEN n % 2 = 0 THEN 'closed' ELSE 'acknowledged' END,
         e.created_at + interval '9 days', CASE WHEN n % 2 = 0 THEN e.created_at + interval '10 days' END,
         CASE WHEN n % 2 = 0 THEN 'walk_logged' END,
         CASE WHEN n % 2 = 1 THEN e.created_at + interval '10 days' END,
         CASE WHEN n % 2 = 1 THEN $2::uuid END, CASE WHEN n % 2 = 1 THEN 'Called: busy week' END
       FROM (SELECT e.*, row_number() OVER () AS n FROM enrollments e WHERE e.organization_id = $1) e
       WHERE n % 3 = 0`,
      [organizationId, member.rows[0]!.id],
    );
    await db.query(
      `INSERT INTO attention_timers (organization_id, enrollment_id, kind, due_at)
       SELECT organization_id, id, 'inactive', coalesce(last_walk_at, created_at) + interval '7 days'
       FROM enrollments WHERE organization_id = $1 AND status = 'active'
       ON CONFLICT DO NOTHING`,
      [organizationId],
    );
    await db.query('VACUUM ANALYZE');
  });
}

interface Scenario {
  name: string;
  /** The next request's path (some follow the cursor of the one before). */
  next: (previous: string | null) => string;
  /** Workspace pages carry the session cookie; API routes the API key. */
  page: boolean;
}

/** Parts of names, emails and ids a coach would type: three to six characters. */
function searchTerm(i: number): string {
  const kinds = [
    () => FIRST_NAMES[i % FIRST_NAMES.length]!.slice(0, 3 + (i % 3)),
    () => SURNAMES[i % SURNAMES.length]!.slice(1, 5),
    () =>
      `emp-0${String(i % 100_000)
        .padStart(5, '0')
        .slice(0, 3)}`,
    () => `${SURNAMES[(i * 7) % SURNAMES.length]}${(i * 13) % 1000}`,
  ];
  return kinds[i % kinds.length]!();
}

function scenarios(): Scenario[] {
  let n = 0;
  // Half first pages, half the page after the previous answer (the cursor it handed out).
  const pages = (base: string) => (previous: string | null) =>
    previous && n++ % 2 === 1 ? `${base}&cursor=${previous}` : base;
  let s = 0;
  return [
    {
      name: 'API: participants list, 50 a page, by name',
      page: false,
      next: pages('/v1/enrollments?limit=50&sort=name'),
    },
    {
      name: 'API: participants list, newest first',
      page: false,
      next: pages('/v1/enrollments?limit=50'),
    },
    {
      name: 'API: search (name, email or external id)',
      page: false,
      next: () => `/v1/enrollments?limit=50&q=${encodeURIComponent(searchTerm(s++))}`,
    },
    {
      name: 'API: attention list, open, most urgent first',
      page: false,
      next: pages('/v1/attention?limit=50'),
    },
    { name: 'Page: Needs attention', page: true, next: () => '/coach/attention' },
    { name: 'Page: Participants, by name', page: true, next: () => '/coach/participants?sort=name' },
    {
      name: 'Page: Participants, filtered by status and sorted by last walk',
      page: true,
      next: () => '/coach/participants?status=active&sort=last_walk',
    },
    {
      name: 'Page: Participants search',
      page: true,
      next: () => `/coach/participants?q=${encodeURIComponent(searchTerm(s++))}`,
    },
  ];
}

async function run(scenario: Scenario, concurrency: number, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const started = performance.now();
  const end = started + WARM_UP_MS + seconds * 1000;
  const lane = async (): Promise<void> => {
    let cursor: string | null = null;
    while (performance.now() < end) {
      const path = scenario.next(cursor);
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
        headers: scenario.page ? { cookie: `rw_session=${SESSION}` } : { authorization: `Bearer ${API_KEY}` },
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
      if (!scenario.page) cursor = (JSON.parse(text) as { nextCursor: string | null }).nextCursor;
      if (t0 - started >= WARM_UP_MS) samples.push(ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return samples.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      enrolments: { type: 'string', default: '100000' },
      walks: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '15' },
      keep: { type: 'boolean', default: false },
    },
  });
  const enrolments = Number(values.enrolments);
  const walks = Number(values.walks);
  const concurrency = Number(values.concurrency);
  const seconds = Number(values.seconds);
  log(`Recreating ${new URL(DATABASE_URL).pathname.slice(1)} and seeding:`);
  await recreateDatabase(DATABASE_URL);
  const seedStart = performance.now();
  await seed(enrolments, walks);
  const counts = await withClient(DATABASE_URL, async (db) => {
    const { rows } = await db.query<{ enrollments: number; check_ins: number; open: number; items: number }>(
      `SELECT (SELECT count(*)::int FROM enrollments) AS enrollments, (SELECT count(*)::int FROM check_ins) AS check_ins,
              (SELECT count(*)::int FROM attention_items WHERE status = 'open') AS open,
              (SELECT count(*)::int FROM attention_items) AS items`,
    );
    return rows[0]!;
  });
  log(`Seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
  const api = startApiProcess({
    port: PORT,
    databaseUrl: DATABASE_URL,
    redisUrl: REDIS_URL,
    redisPrefix: REDIS_PREFIX,
  });
  const rows: string[] = [];
  let allPass = true;
  try {
    await waitUntilApiReady(PORT);
    for (const scenario of scenarios()) {
      log(`${scenario.name}: ${concurrency} in flight for ${seconds} s`);
      const sorted = await run(scenario, concurrency, seconds);
      const p99 = percentile(sorted, 99);
      allPass &&= p99 < TARGET_P99_MS;
      const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
      rows.push(
        `| ${scenario.name} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 95))} | **${fmt(p99)}** | ${Math.round(sorted.length / seconds)}/s |`,
      );
    }
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    if (!values.keep) {
      const admin = new URL(DATABASE_URL);
      const name = admin.pathname.slice(1);
      admin.pathname = '/postgres';
      await withClient(admin.toString(), (db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }
  process.stdout.write(
    [
      `## Coach workspace (${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'})`,
      '',
      `One organisation: ${counts.enrollments.toLocaleString('en')} enrolments, ${counts.check_ins.toLocaleString('en')} check-ins, ` +
        `${counts.open.toLocaleString('en')} open attention items (${counts.items.toLocaleString('en')} in all). ` +
        `${concurrency} requests in flight, ${seconds} s each after a ${WARM_UP_MS / 1000} s warm-up. Target: p99 < ${TARGET_P99_MS} ms.`,
      '',
      '| what | p50 | p95 | p99 | rate |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      allPass ? 'Every p99 is under the target.' : 'Some p99 is OVER the target.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
