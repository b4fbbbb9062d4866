import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { SessionService } from '@retrowalk/application';
import { Accepts, FORM_BODY } from '@retrowalk/http';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { WorkspaceAuth } from './auth/workspace-auth';
import { WorkspacePages } from './auth/workspace-page.decorator';

/** The workspace's front door (each role to its landing page) and the way out. */
@WorkspacePages('coach', 'wellness_manager')
@Controller('coach')
export class WorkspaceHomeController {
  constructor(
    private readonly sessions: SessionService,
    private readonly auth: WorkspaceAuth,
  ) {}

  @Get()
  home(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const landing = request.member?.role === 'wellness_manager' ? '/coach/reports' : '/coach/attention';
    void reply.status(303).header('location', landing).header('cache-control', 'no-store');
  }

  @Post('sign-out')
  @Accepts(...FORM_BODY)
  async signOut(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(request.member!.sessionId);
    this.auth.endSession(reply);
    void reply.status(303).header('location', '/coach/sign-in?signed_out=1');
  }
}
