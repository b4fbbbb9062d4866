import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CohortReportService, LinkService } from '@retrowalk/application';
import { parseCohortQuery } from '@retrowalk/domain';
import { renderCohortReportPage } from '@retrowalk/http';
import { OrganizationRepository, UnitOfWork } from '@retrowalk/persistence';

/**
 * The cohort report as a web page, behind a short-lived signed link (no API key): the link names
 * the organisation and the parameters, and the page reads inside that organisation's transaction.
 */
@ApiExcludeController()
@Controller('r')
export class ReportPageController {
  constructor(
    private readonly links: LinkService,
    private readonly reports: CohortReportService,
    private readonly organizations: OrganizationRepository,
    private readonly uow: UnitOfWork,
  ) {}

  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async show(@Param('token') token: string): Promise<string> {
    const claims = this.links.verifyReportLink(token);
    const query = parseCohortQuery(claims);
    return this.uow.asOrganization(claims.organizationId, async () => {
      const organization = await this.organizations.findById(claims.organizationId);
      const report = await this.reports.cohort(claims.organizationId, query);
      return renderCohortReportPage({
        organizationName: organization?.displayName ?? organization?.name ?? 'Retrowalk',
        report,
        expiresAt: claims.expiresAt,
      });
    });
  }
}
