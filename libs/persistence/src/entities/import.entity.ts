import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * receiving (the upload is being staged, in the same transaction) -> queued -> processing ->
 * completed; failed when the rows could not be processed at all.
 */
export type ImportStatus = 'receiving' | 'queued' | 'processing' | 'completed' | 'failed';
export type ImportSource = 'api' | 'cli';

@Entity({ name: 'imports' })
export class ImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  source!: ImportSource;

  @Column({ type: 'text' })
  status!: ImportStatus;

  /** Data rows in the file (the header not counted). */
  @Column({ name: 'rows_total', type: 'integer' })
  rowsTotal!: number;

  @Column({ name: 'rows_done', type: 'integer' })
  rowsDone!: number;

  /** New enrolments made. */
  @Column({ name: 'rows_succeeded', type: 'integer' })
  rowsSucceeded!: number;

  /** Rows for people already enrolled (same email or externalId): nothing was changed. */
  @Column({ name: 'rows_unchanged', type: 'integer' })
  rowsUnchanged!: number;

  @Column({ name: 'rows_failed', type: 'integer' })
  rowsFailed!: number;

  /** The row number (as a spreadsheet counts, header = 1) processed last: where a resumed run goes on. */
  @Column({ name: 'last_row', type: 'integer' })
  lastRow!: number;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
