import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthenticatedCaller, OrganizationService, type SignedInMember } from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { type ApiKeyRole } from '@retrowalk/persistence';
import { type FastifyRequest } from 'fastify';
import { ROLES_KEY } from './roles';

/** A request once a guard knows who makes it: an API key (`caller`) or a workspace member (`member`). */
export type AuthenticatedRequest = FastifyRequest & { caller?: AuthenticatedCaller; member?: SignedInMember };

const ROLE_NAMES: Record<ApiKeyRole, string> = {
  admin: 'an admin',
  coach: 'a coach',
  wellness_manager: 'a wellness manager',
};

/**
 * Every /v1 route: `Authorization: Bearer <api key>`, resolved to the caller's organisation and
 * role. `admin` may do everything; the other roles only what the route names.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly reflector: Reflector,
  ) {}

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
    const allowed =
      this.reflector.getAllAndOverride<readonly ApiKeyRole[] | undefined>(ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (caller.role !== 'admin' && !allowed.includes(caller.role)) {
      const who = allowed.map((role) => ROLE_NAMES[role]).concat('an admin');
      throw new DomainError(
        'forbidden',
        `This needs ${who.join(' or ')} key; yours is ${ROLE_NAMES[caller.role]} key.`,
      );
    }
    request.caller = caller;
    return true;
  }
}
