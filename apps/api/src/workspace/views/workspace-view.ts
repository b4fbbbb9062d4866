import { Injectable } from '@nestjs/common';
import { AttentionService, OrganizationService } from '@retrowalk/application';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceAssets } from '../assets/workspace-assets';
import { WorkspaceAuth } from '../auth/workspace-auth';
import { type Flash, renderWorkspacePage, type WorkspaceFrame } from './workspace-layout';

export interface PageRequest {
  request: AuthenticatedRequest;
  reply: FastifyReply;
}

/** Puts a page body into the workspace frame, with everything a frame needs from this request. */
@Injectable()
export class WorkspaceView {
  constructor(
    private readonly assets: WorkspaceAssets,
    private readonly auth: WorkspaceAuth,
    private readonly organizations: OrganizationService,
    private readonly attention: AttentionService,
  ) {}

  /** The CSRF token for this request's forms (a session's own once signed in). */
  csrf({ request, reply }: PageRequest): string {
    return this.auth.csrfToken(request, reply, request.member?.sessionId ?? null);
  }

  async render(
    page: PageRequest,
    content: Pick<WorkspaceFrame, 'title' | 'body' | 'section'> & {
      flash?: Flash | null;
      openCount?: number;
    },
  ): Promise<string> {
    const member = page.request.member ?? null;
    return renderWorkspacePage({
      ...content,
      member,
      organizationName: member ? await this.organizations.shownName(member.organizationId) : 'Retrowalk',
      // Needs attention counts its items anyway and says how many; other pages ask.
      openCount:
        content.openCount ??
        (member && member.role !== 'wellness_manager'
          ? await this.attention.countOpen(member.organizationId)
          : 0),
      csrfToken: this.csrf(page),
      stylesheet: this.assets.href('workspace.css'),
      script: this.assets.href('workspace.js'),
    });
  }
}
