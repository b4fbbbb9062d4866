import { Controller, Delete, Get, Header, HttpCode, Param, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedCaller, DataRightsService } from '@retrowalk/application';
import { type FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { EnrollmentIdPipe } from '../common/id-pipes';

/**
 * A participant's data rights, exercised by their coach: everything held about them as one JSON
 * document, and erasure. A wellness manager never sees one person's data, so neither route admits
 * that role. An erased enrolment is not found by any other route.
 */
@ApiTags('enrollments')
@Authenticated('coach')
@Controller('v1/enrollments')
export class DataRightsController {
  constructor(private readonly dataRights: DataRightsService) {}

  @Get(':id/export')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Everything held about a participant, as a JSON download (format retrowalk.export.v1)',
    description:
      'The enrolment, screening answers, every check-in with its full report, every decision with its ' +
      'rules and inputs, and every message (kind, due, status, sent time; not bodies). Recorded in ' +
      'the audit log (which key, when; nothing personal). 404 once the participant was erased.',
  })
  @ApiOkResponse({
    description: 'The export document (retrowalk.export.v1), with Content-Disposition: attachment',
    schema: {
      type: 'object',
      required: ['format', 'generatedAt', 'enrollment', 'checkIns', 'decisions', 'messages'],
      properties: {
        format: { type: 'string', example: 'retrowalk.export.v1' },
        generatedAt: { type: 'string', format: 'date-time' },
        organization: { type: 'object', properties: { name: { type: 'string' } } },
        enrollment: { type: 'object', additionalProperties: true },
        checkIns: { type: 'array', items: { type: 'object', additionalProperties: true } },
        decisions: { type: 'array', items: { type: 'object', additionalProperties: true } },
        messages: { type: 'array', items: { type: 'object', additionalProperties: true } },
        attentionItems: { type: 'array', items: { type: 'object', additionalProperties: true } },
        coachNotes: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  })
  @ApiErrors({ status: 404, description: 'No such enrolment in your organisation, or it was erased' })
  async export(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, fileName } = await this.dataRights.export(
      { organizationId: caller.organizationId, enrollmentId: id },
      { kind: 'api_key', apiKeyId: caller.apiKeyId },
    );
    void reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return document;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase a participant: personal and health data removed, pending messages cancelled',
    description:
      'Irreversible. The enrolment stays as an anonymous stub (status erased) so reports keep ' +
      'counting its sessions and stops; email, name, screening, external id, check-in reports and ' +
      'decision inputs are removed; unsent messages are cancelled and their queued jobs dropped. ' +
      'Idempotent: erasing an erased enrolment answers 204 again and changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Erased (or already erased)' })
  @ApiErrors({ status: 404, description: 'No such enrolment in your organisation' })
  async erase(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
  ): Promise<void> {
    await this.dataRights.erase(
      { organizationId: caller.organizationId, enrollmentId: id },
      { kind: 'api_key', apiKeyId: caller.apiKeyId },
    );
  }
}
