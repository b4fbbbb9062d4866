import 'reflect-metadata';
import { OrganizationService, prepareInfrastructure, reportStartFailure } from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { localParts, NOTHING_TO_REPORT } from '@retrowalk/domain';
import { JsonLogger } from '@retrowalk/http';
import { Client } from 'pg';
import { createApiApp } from '../apps/api/src/create-api-app';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { SmtpSink } from './support/smtp-sink';

const TIMEZONE = 'America/New_York';
const START = '2027-03-01T14:00:00Z'; // Monday 09:00 in New York; DST starts on 14 March
const TWO_WEEKS_LATER = '2027-03-15T14:00:00Z';
const WALKS = ['2027-03-03T14:00:00Z', '2027-03-05T14:00:00Z', '2027-03-08T14:00:00Z'];

/**
 * `npm run demo`: the api and worker on a test clock, a throwaway database and a local SMTP
 * listener; enrols Sam, confirms by the emailed link, logs three gentle walks and walks two weeks
 * in a few seconds, then prints every email Sam received (progression and weekly summary included).
 */
async function main(): Promise<void> {
  const base = loadConfigFromEnvironment();
  const databaseUrl = base.databaseUrl.replace(/\/[^/?]*(\?|$)/, '/retrowalk_demo$1');
  await recreateDatabase(databaseUrl);
  const smtp = await new SmtpSink().start();
  const port = 3900 + Math.floor(Math.random() * 90);
  const config = {
    ...base,
    databaseUrl,
    port,
    publicBaseUrl: `http://127.0.0.1:${port}`,
    redisPrefix: `retrowalk-demo-${Date.now()}`,
    smtpUrl: smtp.url,
    testClock: true,
    logLevel: 'warn' as const,
    dispatchIntervalMs: 200,
  };
  const logger = new JsonLogger('demo', 'warn', (line) => process.stderr.write(`${line}\n`));
  await prepareInfrastructure(config, logger);
  const api = await createApiApp(config, logger);
  await api.listen({ port, host: '127.0.0.1' });
  const worker = await createWorkerApp(config, logger);
  await worker.init();

  try {
    const { apiKey } = await api
      .get(OrganizationService)
      .create({ name: 'Demo Knee Clinic', coachEmail: 'coach@demo.test' });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${config.publicBaseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    await call('POST', '/v1/test-clock', { now: START });
    const enrollment = await call('POST', '/v1/enrollments', {
      email: 'sam@example.com',
      firstName: 'Sam',
      timezone: TIMEZONE,
      reminder: { days: ['mon', 'wed', 'fri'], time: '07:30' },
      audience: 'knee_pain',
      screening: NOTHING_TO_REPORT,
    });
    const walks: string[] = [];
    await smtp.waitFor(() => smtp.received.some((m) => m.kind === 'confirm'));
    const confirmUrl = /https?:\/\/\S+\/p\/confirm\/[\w.-]+/.exec(smtp.received[0]?.text ?? '')?.[0];
    if (!confirmUrl) throw new Error('No confirm link in the confirm email');
    await fetch(confirmUrl, { method: 'POST' });
    // Sam logs a gentle walk after each of the first three reminders (09:00 local, mild thigh effort).
    for (const walkedAt of WALKS) {
      await call('POST', '/v1/test-clock', { now: walkedAt });
      const { decision } = (await call('POST', `/v1/enrollments/${String(enrollment.id)}/check-ins`, {
        performedAt: walkedAt,
        durationMinutes: 6,
        painDuring: 1,
        painType: 'muscle_effort',
        swelling: false,
        dizziness: false,
        fall: false,
        nearFall: false,
        kneeGaveWay: false,
      })) as { decision: { action: string; level: number } };
      walks.push(`${walkedAt.slice(0, 10)}: ${decision.action} (level ${decision.level})`);
    }
    await call('POST', '/v1/test-clock', { now: TWO_WEEKS_LATER });
    const after = await call('GET', `/v1/enrollments/${String(enrollment.id)}`);

    const lines = [
      '',
      `Sam enrolled on Monday 1 March 2027, 09:00 in ${TIMEZONE}; reminders Mon, Wed, Fri at 07:30.`,
      'Daylight saving time starts in New York on Sunday 14 March: reminders stay at 07:30 local.',
      '',
      `${'#'.padStart(2)}  ${'local time (New York)'.padEnd(22)}  ${'UTC'.padEnd(20)}  ${'email'.padEnd(14)}  subject`,
    ];
    smtp.received.forEach((mail, i) => {
      const local = localParts(mail.date, TIMEZONE);
      lines.push(
        `${String(i + 1).padStart(2)}  ${`${local.weekday[0]!.toUpperCase()}${local.weekday.slice(1)} ${local.date} ${local.time}`.padEnd(22)}  ` +
          `${mail.date.toISOString().slice(0, 16).replace('T', ' ')}Z`.padEnd(20) +
          `  ${mail.kind.padEnd(14)}  ${mail.subject}`,
      );
    });
    lines.push(
      '',
      `Walks Sam logged: ${walks.join('; ')}.`,
      `Status now: ${String(after.status)}, level ${String(after.level)}, next reminder at ${String(after.nextReminderAt)} (UTC).`,
      '',
    );
    process.stdout.write(lines.join('\n'));
  } finally {
    await worker.close();
    await api.close();
    await smtp.stop();
  }
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl.replace(/\/[^/?]*(\?|$)/, '/postgres$1') });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is not reachable for the demo (DATABASE_URL): ${(error as Error).message}`);
  });
  try {
    await admin.query('DROP DATABASE IF EXISTS retrowalk_demo WITH (FORCE)');
    await admin.query('CREATE DATABASE retrowalk_demo');
  } finally {
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => reportStartFailure('The demo', error),
);
