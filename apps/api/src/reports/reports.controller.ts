import { Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedCaller, CohortReportService, LinkService } from '@retrowalk/application';
import { parseCohortQuery, type RawCohortQuery } from '@retrowalk/domain';
import { cohortReportCsv, cohortReportFilename } from '@retrowalk/http';
import { type FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { CohortReportDto, ReportLinkDto } from './report.dto';

const QUERY_DOCS = [
  { name: 'from', description: 'First day (YYYY-MM-DD); widened to its Monday', required: true },
  {
    name: 'to',
    description: 'Last day (YYYY-MM-DD); widened to its Sunday; at most 366 days',
    required: true,
  },
  { name: 'groupBy', enum: ['week', 'audience', 'level'], required: false },
] as const;

function wantsCsv(accept: string | undefined): boolean {
  return /\btext\/csv\b/i.test(accept ?? '');
}

/**
 * Cohort reports: counts of people, never one person's data. Every cell about fewer than five
 * people is suppressed (`{ value: null, suppressed: true }`); see docs/cohort-reports.md.
 */
@ApiTags('reports')
@Authenticated('coach', 'wellness_manager')
@Controller('v1/reports/cohort')
export class ReportsController {
  constructor(
    private readonly reports: CohortReportService,
    private readonly links: LinkService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cohort report (JSON, or CSV with Accept: text/csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery(QUERY_DOCS[0])
  @ApiQuery(QUERY_DOCS[1])
  @ApiQuery(QUERY_DOCS[2])
  @ApiResponse({
    status: 200,
    type: CohortReportDto,
    description: 'The report (or the same as CSV); suppressed cells are { value: null, suppressed: true }',
  })
  @ApiErrors({ status: 400, description: 'A parameter is missing or wrong; details name it' })
  async cohort(
    @Caller() caller: AuthenticatedCaller,
    @Query() query: RawCohortQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.reports.cohort(caller.organizationId, parseCohortQuery(query));
    if (!wantsCsv(accept)) return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${cohortReportFilename(report)}"`)
      .header('cache-control', 'no-store');
    return cohortReportCsv(report);
  }

  @Post('link')
  @HttpCode(201)
  @ApiOperation({ summary: 'A signed link to the report as a web page with charts, valid for one hour' })
  @ApiQuery(QUERY_DOCS[0])
  @ApiQuery(QUERY_DOCS[1])
  @ApiQuery(QUERY_DOCS[2])
  @ApiResponse({ status: 201, type: ReportLinkDto })
  @ApiErrors({ status: 400, description: 'A parameter is missing or wrong; details name it' })
  link(@Caller() caller: AuthenticatedCaller, @Query() query: RawCohortQuery) {
    const parsed = parseCohortQuery(query);
    const { url, expiresAt } = this.links.reportLink({ organizationId: caller.organizationId, ...parsed });
    return { url, expiresAt: expiresAt.toISOString() };
  }
}
