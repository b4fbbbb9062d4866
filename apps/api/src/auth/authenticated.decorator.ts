import { applyDecorators, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/api-errors';
import { type ApiKeyRole } from '@retrowalk/persistence';
import { ApiKeyGuard } from './api-key.guard';
import { OrganizationScopeInterceptor } from './organization-scope.interceptor';
import { ROLES_KEY } from './roles';

/**
 * An organisation's route: needs an API key of one of these roles (an admin key may do everything),
 * and runs in that organisation's own transaction, behind row-level security.
 */
export function Authenticated(...roles: Exclude<ApiKeyRole, 'admin'>[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(ApiKeyGuard),
    UseInterceptors(OrganizationScopeInterceptor),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or a revoked one', type: ErrorBodyDto }),
    ApiForbiddenResponse({
      description: `Needs ${roles.length ? `${roles.join(' or ')} or ` : ''}admin role`,
      type: ErrorBodyDto,
    }),
    ApiResponse({
      status: 429,
      description:
        'Past the rate limit (RATE_LIMIT_PER_MINUTE, lower for reports); Retry-After says when to try again',
      type: ErrorBodyDto,
    }),
    ApiResponse({ status: 500, description: 'Something went wrong on our side', type: ErrorBodyDto }),
  );
}

/** On one route of an @Authenticated controller: the roles (besides admin) this route admits instead. */
export function Roles(...roles: Exclude<ApiKeyRole, 'admin'>[]): MethodDecorator {
  return SetMetadata(ROLES_KEY, roles);
}
