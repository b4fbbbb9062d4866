import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type AuthenticatedCaller, OrganizationService } from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { type FastifyRequest } from 'fastify';

export type AuthenticatedRequest = FastifyRequest & { caller?: AuthenticatedCaller };

/** Every /v1 route: `Authorization: Bearer <api key>`, resolved to the caller's organisation. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly organizations: OrganizationService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) {
      throw new DomainError(
        'unauthorized',
        'Send your organisation API key as "Authorization: Bearer <key>".',
      );
    }
    const caller = await this.organizations.authenticate(match[1]);
    if (!caller) throw new DomainError('unauthorized', 'This API key is not valid or has been revoked.');
    request.caller = caller;
    return true;
  }
}
