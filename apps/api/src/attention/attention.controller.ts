import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttentionService, type AuthenticatedCaller, EnrollmentService } from '@retrowalk/application';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { AttentionIdPipe } from '../common/id-pipes';
import { AcknowledgeDto, AttentionItemDto, AttentionListDto, AttentionQueryDto } from './attention.dto';

/**
 * What needs a person's attention, most urgent first (libs/domain/src/attention). Items open in the
 * same transaction as their cause and close by themselves when it goes; a person may acknowledge
 * one with a note. About individuals, so not for wellness managers.
 */
@ApiTags('attention')
@Authenticated('coach')
@Controller('v1/attention')
export class AttentionController {
  constructor(
    private readonly attention: AttentionService,
    private readonly enrollments: EnrollmentService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Attention items: open ones most urgent first (safety stops at the top)' })
  @ApiOkResponse({ type: AttentionListDto })
  @ApiErrors(400)
  async list(
    @Caller() caller: AuthenticatedCaller,
    @Query() query: AttentionQueryDto,
  ): Promise<AttentionListDto> {
    const page = await this.attention.list(caller.organizationId, {
      status: query.status ?? 'open',
      ...(query.kind ? { kind: query.kind } : {}),
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
    });
    return { data: page.items.map((i) => AttentionItemDto.fromListItem(i)), nextCursor: page.nextCursor };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an open item with a note; who and when are recorded' })
  @ApiOkResponse({ type: AttentionItemDto })
  @ApiErrors(400, 404, { status: 409, description: 'Already acknowledged, or closed by its cause' })
  async acknowledge(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', AttentionIdPipe) id: string,
    @Body() body: AcknowledgeDto,
  ): Promise<AttentionItemDto> {
    const item = await this.attention.acknowledge(
      caller.organizationId,
      id,
      { kind: 'api_key', apiKeyId: caller.apiKeyId },
      body.note.trim(),
    );
    const { enrollment } = await this.enrollments.get(caller.organizationId, item.enrollmentId);
    return AttentionItemDto.from(item, enrollment.firstName);
  }
}
