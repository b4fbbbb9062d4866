import { Inject, Injectable } from '@nestjs/common';
import { type FieldProblem, type ImportRowData } from '@retrowalk/domain';
import { DataSource } from 'typeorm';
import { ImportEntity, type ImportSource } from '../entities/import.entity';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export interface StagedRow {
  rowNumber: number;
  emailKey: string;
  externalId: string | null;
  data: ImportRowData;
  /** Problems already known when the row was read (a wrong number of fields). */
  problems: FieldProblem[];
}

export interface ImportRowError {
  rowNumber: number;
  field: string;
  message: string;
}

/** An enrolment an import row created or found already there. */
export interface ImportedEnrollmentRef {
  rowNumber: number;
  enrollmentId: string;
  outcome: 'created' | 'matched';
}

/** For each row of a range that repeats an earlier row of the same file: which column and row. */
export interface EarlierRepeat {
  field: 'email' | 'externalId';
  firstRow: number;
}

interface StagedRowRecord {
  row_number: number;
  email_key: string;
  external_id: string | null;
  data: ImportRowData;
  problems: FieldProblem[] | null;
}

/** An import, its staged rows, its per-row errors, and the organisation's confirmation pace. */
@Injectable()
export class ImportRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  create(tx: Tx, input: { organizationId: string; source: ImportSource; now: Date }): Promise<ImportEntity> {
    return tx.save(
      tx.create(ImportEntity, {
        organizationId: input.organizationId,
        source: input.source,
        status: 'receiving',
        rowsTotal: 0,
        rowsDone: 0,
        rowsSucceeded: 0,
        rowsUnchanged: 0,
        rowsFailed: 0,
        lastRow: 1,
        failure: null,
        createdAt: input.now,
        updatedAt: input.now,
        finishedAt: null,
      }),
    );
  }

  save(tx: Tx, entity: ImportEntity): Promise<ImportEntity> {
    return tx.save(entity);
  }

  async stageRows(tx: Tx, entity: ImportEntity, rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO import_rows (import_id, organization_id, row_number, email_key, external_id, data, problems)
       SELECT $1, $2, r.row_number, r.email_key, r.external_id, r.data, r.problems
       FROM jsonb_to_recordset($3::jsonb)
         AS r(row_number integer, email_key text, external_id text, data jsonb, problems jsonb)`,
      [
        entity.id,
        entity.organizationId,
        JSON.stringify(
          rows.map((r) => ({
            row_number: r.rowNumber,
            email_key: r.emailKey,
            external_id: r.externalId,
            data: r.data,
            problems: r.problems.length > 0 ? r.problems : null,
          })),
        ),
      ],
    );
  }

  findInOrganization(
    organizationId: string,
    id: string,
    options: { tx?: Tx; lock?: boolean } = {},
  ): Promise<ImportEntity | null> {
    const query = (options.tx ?? currentManager(this.dataSource))
      .createQueryBuilder(ImportEntity, 'i')
      .where('i.id = :id AND i.organization_id = :organizationId', { id, organizationId });
    if (options.lock) lockForChange(query);
    return query.getOne();
  }

  /** For the worker, which learns the organisation from the import (the job carries the id only). */
  findById(id: string): Promise<ImportEntity | null> {
    return currentManager(this.dataSource).findOne(ImportEntity, { where: { id } });
  }

  /**
   * Unfinished imports (across organisations, for the worker's sweeper) with no progress since
   * `before`: queued ones whose job may never have reached Redis, processing ones whose job died.
   */
  async findStalled(before: Date, limit: number): Promise<string[]> {
    const rows = await currentManager(this.dataSource).query<{ id: string }[]>(
      `SELECT id FROM imports WHERE status IN ('queued', 'processing') AND updated_at < $1
       ORDER BY updated_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  async nextRows(tx: Tx, importId: string, afterRow: number, limit: number): Promise<StagedRow[]> {
    const rows = await tx.query<StagedRowRecord[]>(
      `SELECT row_number, email_key, external_id, data, problems FROM import_rows
       WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [importId, afterRow, limit],
    );
    return rows.map((r) => ({
      rowNumber: r.row_number,
      emailKey: r.email_key,
      externalId: r.external_id,
      data: r.data,
      problems: r.problems ?? [],
    }));
  }

  /** Rows in [fromRow, toRow] whose email or externalId an earlier row of the same file already had. */
  async earlierRepeats(
    tx: Tx,
    importId: string,
    fromRow: number,
    toRow: number,
  ): Promise<Map<number, EarlierRepeat>> {
    const rows = await tx.query<{ row_number: number; field: 'email' | 'externalId'; first_row: number }[]>(
      `SELECT r.row_number, 'email' AS field,
              (SELECT min(e.row_number) FROM import_rows e
               WHERE e.import_id = r.import_id AND e.email_key = r.email_key AND e.row_number < r.row_number)
                AS first_row
       FROM import_rows r
       WHERE r.import_id = $1 AND r.row_number BETWEEN $2 AND $3 AND r.email_key <> ''
       UNION ALL
       SELECT r.row_number, 'externalId',
              (SELECT min(e.row_number) FROM import_rows e
               WHERE e.import_id = r.import_id AND e.external_id = r.external_id
                 AND e.row_number < r.row_number)
       FROM import_rows r
       WHERE r.import_id = $1 AND r.row_number BETWEEN $2 AND $3 AND r.external_id IS NOT NULL`,
      [importId, fromRow, toRow],
    );
    const repeats = new Map<number, EarlierRepeat>();
    for (const r of rows) {
      if (r.first_row !== null && !repeats.has(r.row_number)) {
        repeats.set(r.row_number, { field: r.field, firstRow: r.first_row });
      }
    }
    return repeats;
  }

  async recordErrors(tx: Tx, entity: ImportEntity, errors: readonly ImportRowError[]): Promise<void> {
    if (errors.length === 0) return;
    await tx.query(
      `INSERT INTO import_row_errors (import_id, organization_id, row_number, field, message)
       SELECT $1, $2, e.row_number, e.field, e.message
       FROM jsonb_to_recordset($3::jsonb) AS e(row_number integer, field text, message text)
       ON CONFLICT DO NOTHING`,
      [
        entity.id,
        entity.organizationId,
        JSON.stringify(errors.map((e) => ({ row_number: e.rowNumber, field: e.field, message: e.message }))),
      ],
    );
  }

  async errors(
    organizationId: string,
    importId: string,
    page: { afterRow: number; limit: number },
  ): Promise<ImportRowError[]> {
    const rows = await currentManager(this.dataSource).query<
      { row_number: number; field: string; message: string }[]
    >(
      `SELECT row_number, field, message FROM import_row_errors
       WHERE organization_id = $1 AND import_id = $2 AND row_number > $3
       ORDER BY row_number, field LIMIT $4`,
      [organizationId, importId, page.afterRow, page.limit],
    );
    return rows.map((r) => ({ rowNumber: r.row_number, field: r.field, message: r.message }));
  }

  /** Which enrolment each row became, so the cohort can be found again once staged rows are gone. */
  async recordEnrollments(
    tx: Tx,
    entity: ImportEntity,
    refs: readonly ImportedEnrollmentRef[],
  ): Promise<void> {
    if (refs.length === 0) return;
    await tx.query(
      `INSERT INTO import_enrollments (import_id, organization_id, row_number, enrollment_id, outcome)
       SELECT $1, $2, r.row_number, r.enrollment_id, r.outcome
       FROM jsonb_to_recordset($3::jsonb) AS r(row_number integer, enrollment_id uuid, outcome text)
       ON CONFLICT DO NOTHING`,
      [
        entity.id,
        entity.organizationId,
        JSON.stringify(
          refs.map((r) => ({ row_number: r.rowNumber, enrollment_id: r.enrollmentId, outcome: r.outcome })),
        ),
      ],
    );
  }

  async enrollments(
    organizationId: string,
    importId: string,
    page: { afterRow: number; limit: number },
  ): Promise<ImportedEnrollmentRef[]> {
    const rows = await currentManager(this.dataSource).query<
      { row_number: number; enrollment_id: string; outcome: 'created' | 'matched' }[]
    >(
      `SELECT row_number, enrollment_id, outcome FROM import_enrollments
       WHERE organization_id = $1 AND import_id = $2 AND row_number > $3
       ORDER BY row_number LIMIT $4`,
      [organizationId, importId, page.afterRow, page.limit],
    );
    return rows.map((r) => ({ rowNumber: r.row_number, enrollmentId: r.enrollment_id, outcome: r.outcome }));
  }

  /** Staged rows hold screening answers: they go as soon as the import no longer needs them. */
  async deleteStagedRows(tx: Tx, importId: string): Promise<void> {
    await tx.query(`DELETE FROM import_rows WHERE import_id = $1`, [importId]);
  }

  /**
   * For erasure: the person's staged rows in any import still in progress (an upload may name them
   * again while they ask to be erased). They hold the address and screening answers, and would
   * enrol the person anew. Their per-row errors stay: they name a row and a rule, never a value.
   */
  async deleteStagedRowsOfPerson(
    tx: Tx,
    organizationId: string,
    person: { emailKey: string; externalId: string | null },
  ): Promise<void> {
    await tx.query(
      `DELETE FROM import_rows
       WHERE organization_id = $1 AND (email_key = $2 OR ($3::text IS NOT NULL AND external_id = $3))`,
      [organizationId, person.emailKey, person.externalId],
    );
  }

  /** Confirmations already planned per minute from `from` on (key: the minute in epoch ms). */
  async plannedConfirmations(tx: Tx, organizationId: string, from: Date): Promise<Map<number, number>> {
    const rows = await tx.query<{ minute: Date; planned: number }[]>(
      `SELECT minute, planned FROM confirmation_pace WHERE organization_id = $1 AND minute >= $2`,
      [organizationId, from],
    );
    return new Map(rows.map((r) => [r.minute.getTime(), r.planned]));
  }

  /** Stores the new counts of the minutes a plan used, and forgets minutes long past. */
  async savePlannedConfirmations(
    tx: Tx,
    organizationId: string,
    changed: ReadonlyMap<number, number>,
    forgetBefore: Date,
  ): Promise<void> {
    await tx.query(`DELETE FROM confirmation_pace WHERE organization_id = $1 AND minute < $2`, [
      organizationId,
      forgetBefore,
    ]);
    if (changed.size === 0) return;
    await tx.query(
      `INSERT INTO confirmation_pace (organization_id, minute, planned)
       SELECT $1, p.minute, p.planned FROM jsonb_to_recordset($2::jsonb) AS p(minute timestamptz, planned integer)
       ON CONFLICT (organization_id, minute) DO UPDATE SET planned = EXCLUDED.planned`,
      [
        organizationId,
        JSON.stringify([...changed].map(([minute, planned]) => ({ minute: new Date(minute), planned }))),
      ],
    );
  }
}
