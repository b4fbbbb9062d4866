/**
 * Cohort report benchmark:  npm run bench:reports -- [--enrolments 200000] [--runs 3] [--plans] [--keep] [--reuse]
 *
 * Seeds one organisation with N enrolments spread over a year, five walks each (about a million
 * check-ins), a decision per walk (about one in a hundred a safety stop) and three outcome checks
 * per confirmed person (about half of them answered), all by generate_series in Postgres. Then runs the real report service, in the organisation's own transaction as the
 * tenant role (row-level security on), for a 12-week period with each groupBy, and reports the
 * median time. With --plans, every report query's EXPLAIN ANALYZE (auto_explain) is printed too.
 *
 * Own database, created and dropped by this script (--keep leaves it for a closer look, and
 * --reuse times the reports again on the database a --keep run left, without seeding).
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/retrowalk_bench_reports).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Clock, CohortReportService } from '@retrowalk/application';
import { type CohortGrouping, parseCohortQuery } from '@retrowalk/domain';
import {
  createDataSource,
  OrganizationRepository,
  ReportRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { type PoolClient } from 'pg';
import { percentile, recreateDatabase, withClient } from './support';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/retrowalk_bench_reports';
const NOW = new Date('2027-06-07T09:00:00Z'); // a Monday
const PERIOD = { from: '2027-03-08', to: '2027-05-30' }; // 12 whole weeks

async function seed(enrolments: number): Promise<string> {
  return withClient(DATABASE_URL, async (db) => {
    const org = await db.query<{ id: string }>(
      `INSERT INTO organizations (name, coach_email) VALUES ('Bench Corp', 'coach@bench.test') RETURNING id`,
    );
    const organizationId = org.rows[0]!.id;
    // Enrolled over the 52 weeks before NOW; most confirmed an hour later; a few paused or stopped.
    await db.query(
      `INSERT INTO enrollments (organization_id, email, first_name, timezone, reminder_days, reminder_time,
         audience, screening, status, level, confirmed_at, paused_at, created_at, updated_at)
       SELECT $1, 'p' || i || '@bench.test', 'P', 'UTC',
         (ARRAY['{mon,wed,fri}', '{tue,thu,sat}', '{mon,tue,wed,thu,fri}'])[1 + i % 3]::text[], '07:30',
         (ARRAY['knee_pain', 'post_surgical', 'athlete', 'older_adult', 'general'])[1 + i % 5], '{}',
         CASE WHEN i % 20 = 0 THEN 'pending_confirmation' WHEN i % 17 = 0 THEN 'paused'
              WHEN i % 101 = 0 THEN 'needs_clearance' ELSE 'active' END,
         1 + (i % 6),
         CASE WHEN i % 20 = 0 THEN NULL ELSE t + interval '1 hour' END,
         CASE WHEN i % 17 = 0 AND i % 20 <> 0 THEN t + interval '20 days' END,
         t, t
       FROM generate_series(1, $2::int) AS i,
         LATERAL (SELECT $3::timestamptz - interval '364 days' * ((i * 7919) % $2)::float / $2 AS t) AS at`,
      [organizationId, enrolments, NOW],
    );
    // Five walks each, two to four days apart, only up to NOW; pain 0-9 spread.
    await db.query(
      `INSERT INTO check_ins (organization_id, enrollment_id, performed_at, level, report, action, level_after,
         needs_follow_up, response, created_at)
       SELECT e.organization_id, e.id, w.at, e.level,
         jsonb_build_object('painDuring', abs(hashtext(k || e.id::text)) % 10,
           'painType', 'aching', 'durationMinutes', 10),
         CASE WHEN abs(hashtext(e.id::text || k)) % 100 = 0 THEN 'stop' ELSE 'carry_on' END,
         e.level, false, '{}', w.at
       FROM enrollments e, generate_series(1, 5) AS k,
         LATERAL (SELECT e.created_at + interval '1 day' * (k * 2 + (k % 3))) AS w(at)
       WHERE e.organization_id = $1 AND w.at < $2`,
      [organizationId, NOW],
    );
    await db.query(
      `INSERT INTO decisions (organization_id, enrollment_id, check_in_id, source, action, level_before,
         level_after, status_after, rules, created_at)
       SELECT c.organization_id, c.enrollment_id, c.id, 'check_in', c.action, c.level, c.level_after,
         CASE WHEN c.action = 'stop' THEN 'needs_clearance' ELSE 'active' END, '[]', c.created_at
       FROM check_ins c WHERE c.organization_id = $1`,
      [organizationId],
    );
    // Three outcome checks per confirmed person, planned at confirmation; asked when due (before
    // NOW); about 80 % answer the start (inside the first week), 60 % week 6 and 45 % week 12, with
    // pain 0-9, a PSFS mean of one to three activities, and the baseline's pain beside later ones.
    await db.query(
      `INSERT INTO outcome_checks (organization_id, enrollment_id, enrolled_at, audience, timepoint, week, opens_at,
         closes_at, asked_at,
         answered_at, pain, activities, counts_as_baseline, baseline_pain, psfs_sixths, psfs_change_sixths,
         created_at)
       SELECT e.organization_id, e.id, e.created_at, e.audience, tp.timepoint, tp.week, o.opens_at,
         o.opens_at + interval '14 days',
         CASE WHEN o.opens_at < $2 THEN o.opens_at END,
         CASE WHEN o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN o.opens_at + interval '2 days' END,
         CASE WHEN o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN (h / 7) % 10 END,
         '[]', CASE WHEN tp.week = 0 AND o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN true END,
         CASE WHEN tp.week > 0 AND o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN (h / 11) % 10 END,
         CASE WHEN o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN (h / 13) % 61 END,
         CASE WHEN tp.week > 0 AND o.opens_at + interval '2 days' < $2 AND h % 100 < tp.answering THEN (h / 17) % 61 - 30 END,
         e.confirmed_at
       FROM enrollments e
         CROSS JOIN (VALUES ('baseline', 0, 80), ('dose_end', 6, 60), ('follow_up', 12, 45)) AS tp(timepoint, week, answering)
         CROSS JOIN LATERAL (SELECT e.confirmed_at + interval '1 week' * tp.week AS opens_at,
                                    abs(hashtext(e.id::text || tp.timepoint)) AS h) AS o
       WHERE e.organization_id = $1 AND e.confirmed_at IS NOT NULL`,
      [organizationId, NOW],
    );
    await db.query('VACUUM ANALYZE enrollments');
    await db.query('VACUUM ANALYZE outcome_checks');
    await db.query('VACUUM ANALYZE check_ins');
    await db.query('VACUUM ANALYZE decisions');
    return organizationId;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      enrolments: { type: 'string', default: '200000' },
      runs: { type: 'string', default: '3' },
      plans: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
    },
  });
  const enrolments = Number(values.enrolments);
  const runs = Number(values.runs);
  const seedStart = performance.now();
  let organizationId: string;
  if (values.reuse) {
    // The database a previous run left with --keep: time the reports again without seeding.
    organizationId = await withClient(DATABASE_URL, async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM organizations WHERE name = 'Bench Corp'`,
      );
      if (!rows[0]) throw new Error(`No seeded organisation in ${DATABASE_URL}: run once with --keep first`);
      return rows[0].id;
    });
  } else {
    process.stderr.write(`Creating ${DATABASE_URL} ...\n`);
    await recreateDatabase(DATABASE_URL);
    organizationId = await seed(enrolments);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const counts = await withClient(DATABASE_URL, async (db) => {
    const { rows } = await db.query<{
      enrollments: number;
      check_ins: number;
      decisions: number;
      stops: number;
      outcome_checks: number;
      answered: number;
    }>(
      `SELECT (SELECT count(*)::int FROM enrollments) AS enrollments,
              (SELECT count(*)::int FROM outcome_checks) AS outcome_checks,
              (SELECT count(*)::int FROM outcome_checks WHERE answered_at IS NOT NULL) AS answered,
              (SELECT count(*)::int FROM check_ins) AS check_ins,
              (SELECT count(*)::int FROM decisions) AS decisions,
              (SELECT count(*)::int FROM decisions WHERE action = 'stop') AS stops`,
    );
    return rows[0]!;
  });

  // One connection, so the auto_explain settings made here apply to the report's transaction.
  const dataSource = await createDataSource({ databaseUrl: DATABASE_URL, poolSize: 1 }).initialize();
  const plans: string[] = [];
  if (values.plans) {
    await dataSource.query(`LOAD 'auto_explain'`);
    await dataSource.query(`SET auto_explain.log_min_duration = 0`);
    await dataSource.query(`SET auto_explain.log_analyze = on`);
    await dataSource.query(`SET auto_explain.log_buffers = on`);
    await dataSource.query(`SET auto_explain.log_level = notice`);
    await dataSource.query(`SET client_min_messages = notice`);
  }
  const uow = new UnitOfWork(dataSource);
  const clock = { now: () => new Date(NOW.getTime()), refresh: async () => undefined } as Clock;
  const service = new CohortReportService(
    new ReportRepository(dataSource),
    new OrganizationRepository(dataSource),
    clock,
  );

  const rows: string[] = [];
  let listening = false;
  let recording: string | null = null;
  for (const groupBy of ['week', 'audience', 'level'] as CohortGrouping[]) {
    const query = parseCohortQuery({ ...PERIOD, groupBy });
    const times: number[] = [];
    let enrolled: number | null = null;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await uow.asOrganization(organizationId, async () => {
        if (values.plans && !listening) {
          const runner = uow.manager.queryRunner as unknown as { connect(): Promise<PoolClient> };
          const connection = await runner.connect();
          connection.on('notice', (notice) => {
            if (recording) plans.push(`-- groupBy=${recording}\n${notice.message ?? ''}`);
          });
          listening = true;
        }
        recording = values.plans && run === runs - 1 ? groupBy : null;
        const report = await service.cohort(organizationId, query);
        enrolled = report.total.metrics.enrolled.value;
      });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${groupBy} | ${enrolled ?? '-'} | ${percentile(times, 50).toFixed(0)} | ${times.at(-1)!.toFixed(0)} |`,
    );
  }
  await dataSource.destroy();

  process.stdout.write(
    `Seeded ${counts.enrollments.toLocaleString('en')} enrolments, ${counts.check_ins.toLocaleString('en')} ` +
      `check-ins, ${counts.decisions.toLocaleString('en')} decisions (${counts.stops.toLocaleString('en')} ` +
      `stops), ${counts.outcome_checks.toLocaleString('en')} outcome checks (${counts.answered.toLocaleString('en')} ` +
      `answered) in ${seedSeconds.toFixed(0)} s.\nReport ${PERIOD.from} to ${PERIOD.to}, ${runs} runs each:\n\n` +
      `| groupBy | people in report | median ms | slowest ms |\n| --- | ---: | ---: | ---: |\n${rows.join('\n')}\n`,
  );
  if (values.plans) process.stdout.write(`\n${plans.join('\n\n')}\n`);
  if (!values.keep && !values.reuse) {
    const admin = new URL(DATABASE_URL);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    await withClient(admin.toString(), (db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
