import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedCaller } from '@retrowalk/application';
import { type AuthenticatedRequest } from './api-key.guard';

/** The organisation behind the API key; only usable on routes behind ApiKeyGuard. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedCaller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('Caller used on a route without ApiKeyGuard');
  return caller;
});
