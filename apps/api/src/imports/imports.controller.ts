import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedCaller,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportService,
} from '@retrowalk/application';
import { DomainError, IMPORT_COLUMNS } from '@retrowalk/domain';
import { Accepts, CSV_BODY } from '@retrowalk/http';
import { type FastifyRequest } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { ImportIdPipe } from '../common/id-pipes';
import { ImportErrorsQueryDto, ImportResponseDto } from './import.dto';

@ApiTags('imports')
@Authenticated('coach', 'wellness_manager')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Enrol many people from a CSV file; answers at once, the rows are processed in the background',
    description:
      `Columns (header row, any order): ${IMPORT_COLUMNS.join(', ')}. Required: email, firstName, ` +
      'audience and every screening answer (yes/no, true/false, 1/0). timezone, reminderDays ' +
      '("mon;wed;fri" or "mon wed fri") and reminderTime (HH:MM) fall back to the organisation defaults. ' +
      `UTF-8, RFC 4180 quoting, at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS} rows. ` +
      'A person already enrolled (same email or externalId) is left unchanged, so re-sending a file is safe.',
  })
  @Accepts(...CSV_BODY)
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'email,firstName,audience,severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance\n' +
        'sam@example.com,Sam,general,no,no,no,no,no,no\n',
    },
  })
  @ApiResponse({ status: 202, type: ImportResponseDto, description: 'Accepted; poll GET /v1/imports/{id}' })
  @ApiErrors(
    { status: 400, description: 'Not CSV, or the header names unknown or misses required columns' },
    { status: 413, description: 'The file is too large' },
    { status: 415, description: 'The body is not text/csv' },
  )
  async create(@Caller() caller: AuthenticatedCaller, @Req() request: FastifyRequest) {
    // The text/csv parser (installBodyHandling) hands over the raw request stream, never a string.
    if (!(request.body instanceof Readable)) {
      throw new DomainError('unsupported_media_type', 'Send the file with Content-Type: text/csv.');
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > IMPORT_MAX_BYTES) {
      throw new DomainError(
        'payload_too_large',
        `An import file may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
      );
    }
    const created = await this.imports.stage(caller.organizationId, request.body, { source: 'api' });
    return ImportResponseDto.from(created, []);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Progress of an import, its per-row errors and the enrolments it created or matched',
  })
  @ApiResponse({ status: 200, type: ImportResponseDto })
  @ApiErrors(400, 404)
  async get(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', ImportIdPipe) id: string,
    @Query() query: ImportErrorsQueryDto,
  ) {
    const entity = await this.imports.get(caller.organizationId, id);
    const errors = await this.imports.errors(caller.organizationId, id, {
      afterRow: query.errorsAfterRow ?? 0,
      limit: query.errorsLimit ?? 100,
    });
    const enrollments = await this.imports.enrolled(caller.organizationId, id, {
      afterRow: query.enrollmentsAfterRow ?? 0,
      limit: query.enrollmentsLimit ?? 100,
    });
    return ImportResponseDto.from(entity, errors, enrollments);
  }
}
