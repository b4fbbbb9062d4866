import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { UnitOfWork } from '@retrowalk/persistence';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { type AuthenticatedRequest } from './api-key.guard';

/**
 * Runs the whole handler in the caller's organisation's transaction (see UnitOfWork.asOrganization):
 * the repositories filter by organisation, and row-level security below them hides every other
 * organisation's rows should a filter ever be forgotten. The same wall for an API key and for a
 * workspace member signed in with a session.
 */
@Injectable()
export class OrganizationScopeInterceptor implements NestInterceptor {
  constructor(private readonly uow: UnitOfWork) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const organizationId = request.caller?.organizationId ?? request.member?.organizationId;
    if (!organizationId)
      throw new Error('OrganizationScopeInterceptor runs after ApiKeyGuard or WorkspaceGuard');
    return from(this.uow.asOrganization(organizationId, () => lastValueFrom(next.handle())));
  }
}
