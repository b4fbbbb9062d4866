import { applyDecorators, Header, SetMetadata, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type MemberRole } from '@retrowalk/persistence';
import { OrganizationScopeInterceptor } from '../../auth/organization-scope.interceptor';
import { WorkspaceExceptionFilter } from './workspace-exception.filter';
import { SignedOutCsrfGuard, WORKSPACE_ROLES_KEY, WorkspaceGuard } from './workspace.guard';

// Pages about people: never cached, never framed, never indexed.
const PAGE_HEADERS = [
  Header('cache-control', 'no-store'),
  Header('x-frame-options', 'DENY'),
  Header('x-robots-tag', 'noindex'),
  Header('referrer-policy', 'no-referrer'),
];

/**
 * A workspace controller: pages for members of these roles (admin always), signed in, inside
 * their organisation's transaction, with CSRF checked on every POST and errors shown as pages.
 */
export function WorkspacePages(...roles: Exclude<MemberRole, 'admin'>[]): ClassDecorator {
  return applyDecorators(
    ApiExcludeController(),
    SetMetadata(WORKSPACE_ROLES_KEY, roles),
    UseGuards(WorkspaceGuard),
    UseInterceptors(OrganizationScopeInterceptor),
    UseFilters(WorkspaceExceptionFilter),
  );
}

/** The sign-in pages: no session needed, CSRF still checked on every POST. */
export function SignedOutPages(): ClassDecorator {
  return applyDecorators(
    ApiExcludeController(),
    UseGuards(SignedOutCsrfGuard),
    UseFilters(WorkspaceExceptionFilter),
  );
}

/** The headers of a workspace HTML page. */
export function WorkspaceHtml(): MethodDecorator {
  return applyDecorators(Header('content-type', 'text/html; charset=utf-8'), ...PAGE_HEADERS);
}
