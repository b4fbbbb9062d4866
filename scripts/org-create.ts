import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Clock,
  OrganizationService,
  prepareInfrastructure,
  reportStartFailure,
  SystemClock,
} from '@retrowalk/application';
import { ConfigModule, loadConfigFromEnvironment } from '@retrowalk/config';
import { JsonLogger } from '@retrowalk/http';
import { PersistenceModule } from '@retrowalk/persistence';

const USAGE = 'Usage: npm run org:create -- --name "Acme Physio" --coach-email coach@acme.example';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/**
 * `npm run org:create`: creates an organisation and its first admin API key. The last line printed
 * is one JSON object, `{"organizationId": "...", "apiKey": "..."}`, so scripts can read it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, 'coach-email': { type: 'string' } },
    strict: true,
  });
  const name = values.name?.trim();
  const coachEmail = values['coach-email']?.trim();
  if (!name || name.length > 200 || /[\r\n]/.test(name))
    fail('--name is required (up to 200 characters, one line).');
  if (!coachEmail || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(coachEmail))
    fail('--coach-email must be an email address.');

  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('org-create', 'warn', (line) => process.stderr.write(`${line}\n`));
  await prepareInfrastructure(config, logger);

  @Module({
    imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot()],
    providers: [OrganizationService, { provide: Clock, useClass: SystemClock }],
  })
  class OrgCreateModule {}

  const app = await NestFactory.createApplicationContext(OrgCreateModule, { logger });
  try {
    const created = await app.get(OrganizationService).create({ name, coachEmail });
    process.stderr.write(`Created organisation "${name}". Keep the API key safe: it is shown only once.\n`);
    process.stdout.write(`${JSON.stringify(created)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => reportStartFailure('org:create', error));
