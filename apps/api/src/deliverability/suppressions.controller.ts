import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedCaller, SuppressionService } from '@retrowalk/application';
import { DomainError, SUPPRESSION_REASONS } from '@retrowalk/domain';
import { type SuppressionEntity } from '@retrowalk/persistence';
import { Authenticated, Roles } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { ListQueryDto } from '../common/list-query.dto';

export class SuppressionDto {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: SUPPRESSION_REASONS }) reason!: string;
  @ApiProperty({ nullable: true, type: String, description: 'What the server or provider said' })
  detail!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The message whose bounce or complaint it was' })
  messageId!: string | null;
  @ApiProperty({ format: 'date-time' }) since!: string;

  static from(s: SuppressionEntity): SuppressionDto {
    return {
      email: s.email,
      reason: s.reason,
      detail: s.detail,
      messageId: s.messageId,
      since: s.createdAt.toISOString(),
    };
  }
}

export class SuppressionListDto {
  @ApiProperty({ type: SuppressionDto, isArray: true }) data!: SuppressionDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}

const EMAIL = /^[^\s@<>]{1,200}@[^\s@<>]{1,200}$/;

/** The organisation's do-not-send list: what bounced or complained, and lifting an address off it. */
@ApiTags('suppressions')
@Authenticated('coach')
@Controller('v1/suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionService) {}

  @Get()
  @ApiOperation({
    summary: 'Addresses no longer sent to (hard bounce, complaint, or 3 soft bounces in 7 days)',
    description: 'Safety emails still go (and the coach is told they may not arrive); nothing else does.',
  })
  @ApiOkResponse({ type: SuppressionListDto })
  @ApiErrors(400)
  async list(
    @Caller() caller: AuthenticatedCaller,
    @Query() query: ListQueryDto,
  ): Promise<SuppressionListDto> {
    const page = await this.suppressions.list(caller.organizationId, query.limit ?? 50, query.cursor ?? null);
    return { data: page.data.map((s) => SuppressionDto.from(s)), nextCursor: page.nextCursor };
  }

  @Delete(':email')
  @Roles()
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift an address off the list (admin; audited): it is sent to again' })
  @ApiNoContentResponse({ description: 'Lifted' })
  @ApiErrors({ status: 404, description: 'The address is not on the list' })
  async lift(@Caller() caller: AuthenticatedCaller, @Param('email') email: string): Promise<void> {
    // The router has already decoded the path (sam%40example.com arrives as sam@example.com).
    const address = email.trim();
    if (!EMAIL.test(address))
      throw new DomainError('not_found', 'This address is not on the suppression list.');
    await this.suppressions.lift(caller.organizationId, address, caller.apiKeyId);
  }
}
