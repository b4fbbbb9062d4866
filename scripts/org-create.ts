import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import {
  CoreModule,
  MemberService,
  OrganizationService,
  prepareInfrastructure,
  reportStartFailure,
} from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { nameProblem } from '@retrowalk/domain';
import { JsonLogger } from '@retrowalk/http';

const USAGE = 'Usage: npm run org:create -- --name "Acme Physio" --coach-email coach@acme.example';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/**
 * `npm run org:create`: creates an organisation, its first admin API key, and makes the coach
 * email an admin member of the workspace (an invitation with a sign-in link goes through the
 * schedule, so the worker sends it). The last line printed is one JSON object,
 * `{"organizationId": "...", "apiKey": "...", "memberId": "..."}`, so scripts can read it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, 'coach-email': { type: 'string' } },
    strict: true,
  });
  const name = values.name?.trim();
  const coachEmail = values['coach-email']?.trim();
  if (!name || name.length > 200 || nameProblem(name) !== null)
    fail('--name is required (up to 200 characters, one line of visible text).');
  if (!coachEmail || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(coachEmail))
    fail('--coach-email must be an email address.');

  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('org-create', 'warn', (line) => process.stderr.write(`${line}\n`));
  await prepareInfrastructure(config, logger);

  // The same wiring as the api and the worker, so the script cannot drift from them.
  const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger });
  try {
    const created = await app.get(OrganizationService).create({ name, coachEmail });
    const member = await app
      .get(MemberService)
      .invite(created.organizationId, { email: coachEmail, name: 'Coach', role: 'admin' });
    process.stderr.write(
      `Created organisation "${name}". Keep the API key safe: it is shown only once.\n` +
        `${coachEmail} is an admin of the workspace: an invitation is on its way, or sign in at ` +
        `${config.publicBaseUrl}/coach/sign-in.\n`,
    );
    process.stdout.write(`${JSON.stringify({ ...created, memberId: member.id })}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => reportStartFailure('org:create', error));
