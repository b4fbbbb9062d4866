import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SessionService } from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { type MemberRole } from '@retrowalk/persistence';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceAuth } from './workspace-auth';
import { SignInRequired, workspaceReturnPath } from './workspace-errors';

export const WORKSPACE_ROLES_KEY = 'retrowalk:workspace-roles';

/**
 * Every workspace page but the sign-in ones: a working session (else sign in, then come back), a
 * role the page admits (admin always), and on a POST the CSRF token. Then, like an API key, the
 * member's organisation's transaction runs the page (OrganizationScopeInterceptor).
 */
@Injectable()
export class WorkspaceGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly auth: WorkspaceAuth,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.auth.sessionTokenOf(request);
    const member = token ? await this.sessions.authenticate(token) : null;
    if (!member) throw new SignInRequired(request.method === 'GET' ? workspaceReturnPath(request.url) : null);
    // Known before the role check, so a refusal page can offer the way back to their own pages.
    request.member = member;
    const allowed =
      this.reflector.getAllAndOverride<readonly MemberRole[] | undefined>(WORKSPACE_ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (member.role !== 'admin' && !allowed.includes(member.role)) {
      throw new DomainError(
        'forbidden',
        member.role === 'wellness_manager'
          ? 'This page is about individual participants. As a wellness manager you see the cohort reports.'
          : 'Your role cannot open this page.',
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') this.auth.checkCsrf(request, member.sessionId);
    return true;
  }
}

/** For the sign-in pages, which have no session: only the CSRF check on a POST. */
@Injectable()
export class SignedOutCsrfGuard implements CanActivate {
  constructor(private readonly auth: WorkspaceAuth) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') this.auth.checkCsrf(request, null);
    return true;
  }
}
