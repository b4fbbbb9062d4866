import 'reflect-metadata';
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CoreModule, ImportService, prepareInfrastructure, reportStartFailure } from '@retrowalk/application';
import { loadConfigFromEnvironment } from '@retrowalk/config';
import { DomainError } from '@retrowalk/domain';
import { JsonLogger } from '@retrowalk/http';
import { type ImportEntity, OrganizationRepository, UnitOfWork } from '@retrowalk/persistence';

const USAGE = 'Usage: npm run import -- --org <organisation id> [--show-errors 20] file.csv';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** Progress on stderr: a redrawn bar on a terminal, a line every tenth otherwise (logs, CI). */
class Progress {
  private readonly tty = process.stderr.isTTY;
  private lastTenth = -1;

  show(state: ImportEntity): void {
    const share = state.rowsTotal === 0 ? 1 : state.rowsDone / state.rowsTotal;
    const counts =
      `${state.rowsDone.toLocaleString('en-US')}/${state.rowsTotal.toLocaleString('en-US')} rows, ` +
      `${state.rowsFailed.toLocaleString('en-US')} failed`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${counts}`,
      );
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      process.stderr.write(`import: ${(share * 100).toFixed(0)}% ${counts}\n`);
    }
  }

  end(): void {
    if (this.tty) process.stderr.write('\n');
  }
}

/**
 * `npm run import -- --org <id> file.csv`: the same import as POST /v1/imports, from a terminal. The
 * file is streamed through the import service (no HTTP) and processed here, batch by batch; the job
 * is queued as well, so should this process stop, a running worker finishes the import.
 * Exit code 0 when the import completed (row errors are listed), 1 when the file was refused.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { org: { type: 'string' }, 'show-errors': { type: 'string', default: '20' } },
    allowPositionals: true,
    strict: true,
  });
  const organizationId = values.org?.trim() ?? '';
  if (!UUID.test(organizationId)) fail('--org must be the organisation id (a UUID).');
  if (positionals.length !== 1) fail('Name exactly one CSV file.');
  const file = positionals[0] as string;
  try {
    if (!statSync(file).isFile()) fail(`${file} is not a file.`);
  } catch {
    fail(`Cannot read ${file}.`);
  }
  const showErrors = Number(values['show-errors']);
  if (!Number.isInteger(showErrors) || showErrors < 0) fail('--show-errors must be a whole number.');

  const config = loadConfigFromEnvironment();
  const logger = new JsonLogger('import', 'warn', (line) => process.stderr.write(`${line}\n`));
  await prepareInfrastructure(config, logger);
  const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger });
  try {
    const imports = app.get(ImportService);
    const uow = app.get(UnitOfWork);
    if (!(await app.get(OrganizationRepository).findById(organizationId))) {
      process.stderr.write(`No organisation with id ${organizationId}.\n`);
      process.exitCode = 1;
      return;
    }
    const asOrg = <T>(work: () => Promise<T>) => uow.asOrganization(organizationId, work);
    let state: ImportEntity;
    try {
      state = await asOrg(() =>
        imports.stage(organizationId, createReadStream(file, { highWaterMark: 256 * 1024 }), {
          source: 'cli',
        }),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`The file cannot be imported: ${error.message}\n`);
      for (const p of Array.isArray(error.details) ? error.details : []) {
        process.stderr.write(`  ${p.field}: ${p.message}\n`);
      }
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Import ${state.id}: ${state.rowsTotal.toLocaleString('en-US')} rows staged.\n`);
    const progress = new Progress();
    while (state.status === 'queued' || state.status === 'processing') {
      state = await asOrg(() => imports.processBatch(organizationId, state.id));
      progress.show(state);
    }
    progress.end();
    process.stdout.write(
      `Import ${state.id} ${state.status}: ${state.rowsSucceeded} enrolled, ${state.rowsUnchanged} already ` +
        `enrolled (unchanged), ${state.rowsFailed} failed, of ${state.rowsTotal} rows.\n`,
    );
    const errors = await asOrg(() =>
      imports.errors(organizationId, state.id, { afterRow: 0, limit: showErrors }),
    );
    for (const e of errors) process.stdout.write(`  row ${e.rowNumber}, ${e.field}: ${e.message}\n`);
    if (state.rowsFailed > 0 && errors.length > 0) {
      process.stdout.write(`  (all errors: GET /v1/imports/${state.id}?errorsLimit=1000)\n`);
    }
    if (state.status !== 'completed') process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => reportStartFailure('import', error));
