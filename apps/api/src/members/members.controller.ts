import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type AuthenticatedCaller, MemberService } from '@retrowalk/application';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { MemberIdPipe } from '../common/id-pipes';
import { ListQueryDto } from '../common/list-query.dto';
import { CreateMemberDto, MemberListDto, MemberResponseDto } from './member.dto';

/** The people who sign in to the workspace (beside API keys). Admin only. */
@ApiTags('members')
@Authenticated()
@Controller('v1/members')
export class MembersController {
  constructor(private readonly members: MemberService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a member; they get an invitation email with a one-time sign-in link (7 days)',
    description:
      'The email has the header X-Retrowalk-Message: member_invite. Members sign in without a ' +
      'password: at /coach/sign-in they ask for a link, valid once for 15 minutes.',
  })
  @ApiCreatedResponse({ type: MemberResponseDto })
  @ApiErrors(400, { status: 409, description: 'Someone with this email is already a member' })
  async create(
    @Caller() caller: AuthenticatedCaller,
    @Body() body: CreateMemberDto,
  ): Promise<MemberResponseDto> {
    const member = await this.members.invite(caller.organizationId, {
      email: body.email.trim(),
      name: body.name.trim(),
      role: body.role,
    });
    return MemberResponseDto.from(member);
  }

  @Get()
  @ApiOperation({ summary: 'Current members, oldest first, a page at a time' })
  @ApiOkResponse({ type: MemberListDto })
  @ApiErrors(400)
  async list(@Caller() caller: AuthenticatedCaller, @Query() query: ListQueryDto): Promise<MemberListDto> {
    const page = await this.members.list(caller.organizationId, query.cursor ?? null, query.limit ?? 50);
    return { data: page.members.map((m) => MemberResponseDto.from(m)), nextCursor: page.nextCursor };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a member: their sessions end at once and their sign-in links stop working',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404)
  async remove(@Caller() caller: AuthenticatedCaller, @Param('id', MemberIdPipe) id: string): Promise<void> {
    await this.members.remove(caller.organizationId, id);
  }
}
