import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DataRightsService,
  EnrollmentService,
  LinkService,
  organizationDisplayName,
} from '@retrowalk/application';
import {
  Accepts,
  FORM_BODY,
  renderDataRightsPage,
  renderEraseConfirmPage,
  renderResultPage,
} from '@retrowalk/http';
import { OrganizationRepository } from '@retrowalk/persistence';
import { type FastifyReply } from 'fastify';

const PARTICIPANT = { kind: 'participant' } as const;

/**
 * "Your data", from the link in every email's footer. As with every participant link, GET only
 * shows a page; the POSTs its buttons send download the data or erase it. Once erased, the link
 * (like every other link of that person) shows "this link no longer works".
 */
@ApiExcludeController()
@Controller('p/data')
export class DataPageController {
  constructor(
    private readonly links: LinkService,
    private readonly enrollments: EnrollmentService,
    private readonly dataRights: DataRightsService,
    private readonly organizations: OrganizationRepository,
  ) {}

  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  async show(@Param('token') token: string): Promise<string> {
    const enrollment = await this.enrollments.findForLink(this.links.verify('data', token));
    return renderDataRightsPage({
      organizationName: await this.organizationName(enrollment.organizationId),
      firstName: enrollment.firstName,
      exportAction: `/p/data/${token}/export`,
      eraseConfirmHref: `/p/data/${token}/erase`,
    });
  }

  @Post(':token/export')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async export(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const enrollmentId = this.links.verify('data', token);
    const { document, fileName } = await this.dataRights.export({ enrollmentId }, PARTICIPANT);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return document;
  }

  @Get(':token/erase')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  async confirmErase(@Param('token') token: string): Promise<string> {
    const enrollment = await this.enrollments.findForLink(this.links.verify('data', token));
    return renderEraseConfirmPage({
      organizationName: await this.organizationName(enrollment.organizationId),
      eraseAction: `/p/data/${token}/erase`,
      backHref: `/p/data/${token}`,
    });
  }

  @Post(':token/erase')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async erase(@Param('token') token: string): Promise<string> {
    const enrollmentId = this.links.verify('data', token);
    const { organizationName } = await this.dataRights.erase({ enrollmentId }, PARTICIPANT);
    return renderResultPage({
      organizationName,
      tone: 'success',
      title: 'Your data is deleted',
      heading: 'Your data is deleted',
      message: [
        'We have deleted your details and what you told us about your walks, and stopped all emails.',
        'The links in our earlier emails no longer work. You can delete those emails too.',
        'Thank you for walking with us.',
      ],
    });
  }

  private async organizationName(organizationId: string): Promise<string> {
    const organization = await this.organizations.findById(organizationId);
    return organization ? organizationDisplayName(organization) : 'Retrowalk';
  }
}
