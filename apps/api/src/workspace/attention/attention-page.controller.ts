import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AttentionService, Clock } from '@retrowalk/application';
import { DomainError, isAttentionKind } from '@retrowalk/domain';
import { Accepts, FORM_BODY } from '@retrowalk/http';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { AttentionIdPipe } from '../../common/id-pipes';
import { workspaceReturnPath } from '../auth/workspace-errors';
import { WorkspaceHtml, WorkspacePages } from '../auth/workspace-page.decorator';
import { flashFor, formText } from '../views/form-input';
import { WorkspaceView } from '../views/workspace-view';
import { attentionPage } from './attention-views';

const PAGE_SIZE = 25;

/** Needs attention, for coaches and admins; a wellness manager never sees one person. */
@WorkspacePages('coach')
@Controller('coach/attention')
export class AttentionPageController {
  constructor(
    private readonly attention: AttentionService,
    private readonly view: WorkspaceView,
    private readonly clock: Clock,
  ) {}

  @Get()
  @WorkspaceHtml()
  async show(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() params: Record<string, unknown>,
  ): Promise<string> {
    const member = request.member!;
    const kind = isAttentionKind(params.kind) ? params.kind : null;
    const cursor = typeof params.cursor === 'string' && params.cursor !== '' ? params.cursor : null;
    const page = await this.attention.list(member.organizationId, {
      status: 'open',
      ...(kind ? { kind } : {}),
      cursor,
      limit: PAGE_SIZE,
    });
    const counts = await this.attention.countOpenByKind(member.organizationId);
    const context = { request, reply };
    return this.view.render(context, {
      title: 'Needs attention',
      section: 'attention',
      flash: flashFor(params.done),
      openCount: [...counts.values()].reduce((a, b) => a + b, 0),
      body: attentionPage({
        items: page.items,
        counts,
        kind,
        nextCursor: page.nextCursor,
        firstPage: cursor === null,
        now: this.clock.now(),
        csrfToken: this.view.csrf(context),
      }),
    });
  }

  @Post(':id/acknowledge')
  @Accepts(...FORM_BODY)
  async acknowledge(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', AttentionIdPipe) id: string,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const member = request.member!;
    const note = formText(body?.note, 2000);
    if (!note) {
      throw new DomainError('validation_failed', 'Write a short note saying what you saw or did.', [
        { field: 'note', message: 'is required' },
      ]);
    }
    await this.attention.acknowledge(
      member.organizationId,
      id,
      { kind: 'member', memberId: member.memberId },
      note,
    );
    const back = workspaceReturnPath(body?.back) ?? '/coach/attention';
    void reply.status(303).header('location', `${back}${back.includes('?') ? '&' : '?'}done=acknowledged`);
  }
}
