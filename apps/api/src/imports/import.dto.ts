import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_MAX_ROWS } from '@retrowalk/application';
import { type ImportedEnrollmentRef, type ImportEntity, type ImportRowError } from '@retrowalk/persistence';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_ERRORS_PER_PAGE = 1000;
/** Rows are numbered as a spreadsheet does: the header is row 1, so the last one is one more. */
const LAST_ROW_NUMBER = IMPORT_MAX_ROWS + 1;

export class ImportErrorsQueryDto {
  @ApiPropertyOptional({
    description: 'Errors of rows after this row number (paging)',
    default: 0,
    minimum: 0,
    maximum: LAST_ROW_NUMBER,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(LAST_ROW_NUMBER)
  errorsAfterRow?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_ERRORS_PER_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ERRORS_PER_PAGE)
  errorsLimit?: number;

  @ApiPropertyOptional({ description: 'Enrolments of rows after this row number (paging)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  enrollmentsAfterRow?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_ERRORS_PER_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ERRORS_PER_PAGE)
  enrollmentsLimit?: number;
}

export class ImportedEnrollmentDto {
  @ApiProperty({ description: 'Row as a spreadsheet numbers it: the header is row 1' }) row!: number;
  @ApiProperty() enrollmentId!: string;
  @ApiProperty({ enum: ['created', 'matched'], description: 'matched: already enrolled, left unchanged' })
  outcome!: string;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Row as a spreadsheet numbers it: the header is row 1' }) row!: number;
  @ApiProperty({ example: 'timezone' }) field!: string;
  @ApiProperty({ example: 'must be an IANA timezone name such as Europe/Berlin' }) message!: string;
}

export class ImportRowsDto {
  @ApiProperty({ description: 'Data rows in the file' }) total!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ description: 'New enrolments' }) succeeded!: number;
  @ApiProperty({ description: 'Already enrolled (same email or externalId): left as they were' })
  unchanged!: number;
  @ApiProperty() failed!: number;
}

export class ImportResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['queued', 'processing', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ type: ImportRowsDto }) rows!: ImportRowsDto;
  @ApiProperty({ type: ImportRowErrorDto, isArray: true, description: 'In row order; see errorsAfterRow' })
  errors!: ImportRowErrorDto[];
  @ApiProperty({
    type: ImportedEnrollmentDto,
    isArray: true,
    description: 'The enrolments the rows created or matched, in row order; see enrollmentsAfterRow',
  })
  enrollments!: ImportedEnrollmentDto[];
  @ApiProperty({ nullable: true, type: String }) failure!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;

  static from(
    entity: ImportEntity,
    errors: ImportRowError[],
    enrollments: ImportedEnrollmentRef[] = [],
  ): ImportResponseDto {
    return {
      id: entity.id,
      status: entity.status,
      rows: {
        total: entity.rowsTotal,
        done: entity.rowsDone,
        succeeded: entity.rowsSucceeded,
        unchanged: entity.rowsUnchanged,
        failed: entity.rowsFailed,
      },
      errors: errors.map((e) => ({ row: e.rowNumber, field: e.field, message: e.message })),
      enrollments: enrollments.map((e) => ({
        row: e.rowNumber,
        enrollmentId: e.enrollmentId,
        outcome: e.outcome,
      })),
      failure: entity.failure,
      createdAt: entity.createdAt.toISOString(),
      finishedAt: entity.finishedAt?.toISOString() ?? null,
    };
  }
}
