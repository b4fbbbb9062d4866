import { Injectable } from '@nestjs/common';
import {
  CsvFormatError,
  CsvReader,
  type CsvRecord,
  DomainError,
  emailKey,
  type FieldProblem,
  type ImportHeader,
  planConfirmations,
  readImportHeader,
  rowDataOf,
  validateImportRow,
} from '@retrowalk/domain';
import {
  type ImportEntity,
  type ImportedEnrollmentRef,
  ImportRepository,
  type ImportRowError,
  type ImportSource,
  EnrollmentRepository,
  MessageRepository,
  type NewEnrollment,
  type OrganizationEntity,
  OrganizationRepository,
  type StagedRow,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Metrics } from '@retrowalk/observability';
import { JobRepository } from '@retrowalk/queue';
import { isEmail } from 'class-validator';
import { Clock } from '../clock/clock';
import { newPendingEnrollment, TIMEZONE_REQUIRED } from '../enrollments/new-enrollment';
import { DispatchNudge } from '../messages/dispatch-nudge';
import { quietHoursOf } from '../organizations/organization.service';

/** Documented limits of one upload (docs/imports.md). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
/** Rows per transaction while processing: small enough to keep locks short, large enough to be fast. */
export const IMPORT_BATCH_ROWS = 500;
const STAGE_BATCH_ROWS = 1000;
/**
 * An unfinished import with no progress for this long is checked for a job (a batch takes seconds,
 * so a processing import this still has no live job; a queued one may simply wait its turn, which
 * the check leaves alone).
 */
export const IMPORT_STALL_MS = 2 * 60 * 1000;
const STALL_SWEEP_LIMIT = 100;
const PACE_MEMORY_MS = 60 * 60 * 1000;

export interface ImportErrorsPage {
  afterRow: number;
  limit: number;
}

const startOfMinute = (instant: Date): Date => new Date(Math.floor(instant.getTime() / 60_000) * 60_000);

const isApiEmail = (value: string): boolean => isEmail(value);

/**
 * Bulk enrolment from a CSV file. `stage` reads the upload as a stream into import_rows (in the
 * caller's transaction, so a broken upload leaves nothing behind) and queues the import;
 * `processBatch` then turns rows into enrolments a batch per transaction, so a worker that dies
 * loses at most the batch in flight and the next attempt goes on from the last committed row.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly imports: ImportRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly messages: MessageRepository,
    private readonly jobs: JobRepository,
    private readonly dispatch: DispatchNudge,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async stage(
    organizationId: string,
    body: AsyncIterable<Uint8Array | string>,
    options: { source: ImportSource; queue?: boolean },
  ): Promise<ImportEntity> {
    const staged = await this.uow.run(async (tx) => {
      const entity = await this.imports.create(tx, {
        organizationId,
        source: options.source,
        now: this.clock.now(),
      });
      entity.rowsTotal = await this.readInto(tx, entity, body).catch(explainUploadError);
      entity.status = 'queued';
      entity.updatedAt = this.clock.now();
      return this.imports.save(tx, entity);
    });
    if (options.queue !== false) await this.uow.afterCommit(() => this.jobs.enqueueImport(staged.id));
    return staged;
  }

  async get(organizationId: string, id: string): Promise<ImportEntity> {
    const found = await this.imports.findInOrganization(organizationId, id);
    if (!found) throw new DomainError('not_found', 'No import with this id.');
    return found;
  }

  errors(organizationId: string, id: string, page: ImportErrorsPage): Promise<ImportRowError[]> {
    return this.imports.errors(organizationId, id, page);
  }

  /** The enrolments the import created or matched, in row order, a page at a time. */
  enrolled(organizationId: string, id: string, page: ImportErrorsPage): Promise<ImportedEnrollmentRef[]> {
    return this.imports.enrollments(organizationId, id, page);
  }

  /** The organisation an import belongs to, for the worker (its job names the import only). */
  async organizationOf(importId: string): Promise<string | null> {
    return (await this.imports.findById(importId))?.organizationId ?? null;
  }

  /**
   * Processes the next batch of rows; call inside `uow.asOrganization`. Returns the import as the
   * batch left it: `completed` once no rows are left.
   */
  async processBatch(organizationId: string, importId: string): Promise<ImportEntity> {
    const result = await this.uow.run(async (tx) => {
      const entity = await this.imports.findInOrganization(organizationId, importId, { tx, lock: true });
      if (!entity) throw new DomainError('not_found', 'No import with this id.');
      if (entity.status === 'completed' || entity.status === 'failed' || entity.status === 'receiving') {
        return { entity, enrolled: 0, unchanged: 0, failed: 0 };
      }
      const now = this.clock.now();
      const rows = await this.imports.nextRows(tx, importId, entity.lastRow, IMPORT_BATCH_ROWS);
      entity.updatedAt = now;
      const last = rows.at(-1);
      if (!last) {
        entity.status = 'completed';
        entity.finishedAt = now;
        await this.imports.deleteStagedRows(tx, importId);
        return { entity: await this.imports.save(tx, entity), enrolled: 0, unchanged: 0, failed: 0 };
      }
      // The organisation's row lock makes imports of one organisation take turns on the pace.
      const organization = await this.organizations.findForUpdate(tx, organizationId);
      if (!organization) throw new DomainError('not_found', 'No such organisation.');
      const outcome = await this.enrolRows(tx, organization, entity, rows, now);
      await this.imports.recordErrors(tx, entity, outcome.errors);
      entity.status = 'processing';
      entity.lastRow = last.rowNumber;
      entity.rowsDone += rows.length;
      entity.rowsSucceeded += outcome.enrolled;
      entity.rowsUnchanged += outcome.unchanged;
      const failed = new Set(outcome.errors.map((e) => e.rowNumber)).size;
      entity.rowsFailed += failed;
      const saved = await this.imports.save(tx, entity);
      return { entity: saved, enrolled: outcome.enrolled, unchanged: outcome.unchanged, failed };
    });
    // After the batch committed: a batch that rolled back is processed again and counted then.
    this.metrics.importRows.inc({ outcome: 'enrolled' }, result.enrolled);
    this.metrics.importRows.inc({ outcome: 'unchanged' }, result.unchanged);
    this.metrics.importRows.inc({ outcome: 'failed' }, result.failed);
    if (result.enrolled > 0) await this.dispatch.soon();
    return result.entity;
  }

  /**
   * Re-queues unfinished imports that made no progress for a while and have no live job: the upload
   * committed while Redis was away, or the job ended in BullMQ's failed set without the import being
   * marked failed. Called from the worker's periodic tick; returns the ids that got a new job.
   */
  async requeueStalled(idleForMs = IMPORT_STALL_MS): Promise<string[]> {
    const before = new Date(this.clock.now().getTime() - idleForMs);
    const stalled = await this.imports.findStalled(before, STALL_SWEEP_LIMIT);
    const requeued: string[] = [];
    for (const id of stalled) if (await this.jobs.requeueImport(id)) requeued.push(id);
    return requeued;
  }

  /** Marks an import that cannot be processed (the worker gave up); its staged rows are deleted. */
  async fail(organizationId: string, importId: string, reason: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const entity = await this.imports.findInOrganization(organizationId, importId, { tx, lock: true });
      if (!entity || entity.status === 'completed') return;
      entity.status = 'failed';
      entity.failure = reason;
      entity.finishedAt = this.clock.now();
      entity.updatedAt = entity.finishedAt;
      await this.imports.deleteStagedRows(tx, importId);
      await this.imports.save(tx, entity);
    });
  }

  private async readInto(tx: Tx, entity: ImportEntity, body: AsyncIterable<Uint8Array | string>) {
    const reader = new CsvReader();
    // fatal: a file in another encoding is refused rather than imported with mangled names.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let header: ImportHeader | null = null;
    let rows = 0;
    let bytes = 0;
    let pending: StagedRow[] = [];
    const take = async (records: CsvRecord[]): Promise<void> => {
      for (const record of records) {
        if (header === null) {
          const read = readImportHeader(record.fields);
          if ('problems' in read) {
            throw new DomainError(
              'validation_failed',
              'The header row does not match the import columns; nothing was imported.',
              read.problems,
            );
          }
          header = read;
          continue;
        }
        rows += 1;
        if (rows > IMPORT_MAX_ROWS) {
          throw new DomainError('payload_too_large', `An import holds at most ${IMPORT_MAX_ROWS} rows.`);
        }
        const { data, problems } = rowDataOf(header, record.fields);
        const externalId = data.externalId?.trim() ?? '';
        pending.push({
          // As a spreadsheet numbers it, so a blank line before it shifts it as it shifts there.
          rowNumber: record.row,
          emailKey: emailKey(data.email ?? ''),
          externalId: externalId === '' ? null : externalId,
          data,
          problems,
        });
        if (pending.length >= STAGE_BATCH_ROWS) {
          await this.imports.stageRows(tx, entity, pending);
          pending = [];
        }
      }
    };
    for await (const chunk of body) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > IMPORT_MAX_BYTES) {
        throw new DomainError(
          'payload_too_large',
          `An import file may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
        );
      }
      await take(reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
    }
    await take(reader.push(decoder.decode()));
    await take(reader.end());
    if (header === null) {
      throw new DomainError('validation_failed', 'The file is empty; it needs a header row.', [
        { field: 'file', message: 'has no header row' },
      ]);
    }
    await this.imports.stageRows(tx, entity, pending);
    return rows;
  }

  private async enrolRows(
    tx: Tx,
    organization: OrganizationEntity,
    entity: ImportEntity,
    rows: StagedRow[],
    now: Date,
  ): Promise<{ enrolled: number; unchanged: number; errors: ImportRowError[] }> {
    const first = rows[0]?.rowNumber ?? 0;
    const repeats = await this.imports.earlierRepeats(tx, entity.id, first, rows.at(-1)?.rowNumber ?? 0);
    const errors: ImportRowError[] = [];
    const valid: { rowNumber: number; enrollment: NewEnrollment }[] = [];
    for (const row of rows) {
      const checked =
        row.problems.length > 0 ? { problems: row.problems } : this.check(row, organization, now);
      const repeat = repeats.get(row.rowNumber);
      const problems =
        'enrollment' in checked
          ? repeat
            ? [{ field: repeat.field, message: `repeats row ${repeat.firstRow} of this file` }]
            : []
          : checked.problems;
      if ('enrollment' in checked && problems.length === 0)
        valid.push({ rowNumber: row.rowNumber, enrollment: checked.enrollment });
      for (const p of problems) errors.push({ rowNumber: row.rowNumber, ...p });
    }
    // The email or externalId identifies a person: someone already enrolled is left exactly as is.
    const existing = await this.enrollments.findExistingKeys(
      tx,
      organization.id,
      valid.map((v) => emailKey(v.enrollment.email)),
      valid.flatMap((v) => (v.enrollment.externalId === null ? [] : [v.enrollment.externalId])),
    );
    const matchOf = (v: (typeof valid)[number]): string | undefined =>
      existing.emailKeys.get(emailKey(v.enrollment.email)) ??
      (v.enrollment.externalId === null ? undefined : existing.externalIds.get(v.enrollment.externalId));
    const fresh = valid.filter((v) => matchOf(v) === undefined);
    const ids = await this.enrollments.insertManySkippingTaken(
      tx,
      fresh.map((v) => v.enrollment),
    );
    const enrolled = fresh.flatMap((v) => {
      const id = ids.get(emailKey(v.enrollment.email));
      return id === undefined ? [] : [{ id, rowNumber: v.rowNumber, timezone: v.enrollment.timezone }];
    });
    // Which enrolment each row is, created or already there, so the cohort can be found again.
    await this.imports.recordEnrollments(tx, entity, [
      ...enrolled.map((e) => ({ rowNumber: e.rowNumber, enrollmentId: e.id, outcome: 'created' as const })),
      ...valid.flatMap((v) => {
        const id = matchOf(v);
        return id === undefined
          ? []
          : [{ rowNumber: v.rowNumber, enrollmentId: id, outcome: 'matched' as const }];
      }),
    ]);
    const plan = planConfirmations({
      timezones: enrolled.map((e) => e.timezone),
      now,
      perMinute: organization.importConfirmationsPerMinute,
      quiet: quietHoursOf(organization),
      // From the start of the current minute: it may already hold confirmations planned moments ago.
      planned: await this.imports.plannedConfirmations(tx, organization.id, startOfMinute(now)),
    });
    await this.imports.savePlannedConfirmations(
      tx,
      organization.id,
      plan.changed,
      new Date(now.getTime() - PACE_MEMORY_MS),
    );
    await this.messages.insertIfAbsent(
      tx,
      enrolled.map((e, i) => ({
        organizationId: organization.id,
        enrollmentId: e.id,
        kind: 'confirm' as const,
        dedupeKey: `confirm:${e.id}`,
        dueAt: plan.dueAt[i] ?? now,
      })),
      now,
    );
    return { enrolled: enrolled.length, unchanged: valid.length - enrolled.length, errors };
  }

  /** Validates a row and fills in the organisation's defaults. */
  private check(
    row: StagedRow,
    organization: OrganizationEntity,
    now: Date,
  ): { enrollment: NewEnrollment } | { problems: FieldProblem[] } {
    const result = validateImportRow(row.data, { isEmail: isApiEmail });
    if (!result.ok) return { problems: result.problems };
    const enrollment = newPendingEnrollment(organization, result.value, now);
    if (!enrollment) return { problems: [{ field: 'timezone', message: TIMEZONE_REQUIRED }] };
    return { enrollment };
  }
}

function explainUploadError(error: unknown): never {
  if (error instanceof CsvFormatError) {
    throw new DomainError('validation_failed', `The file is not valid CSV: ${error.message}`, [
      { field: 'file', message: `line ${error.line}: ${error.message}` },
    ]);
  }
  if (
    error instanceof TypeError &&
    (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
  ) {
    throw new DomainError('validation_failed', 'The file must be UTF-8 text.', [
      { field: 'file', message: 'is not UTF-8 text' },
    ]);
  }
  throw error;
}
