import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignInTokens } from '@retrowalk/application';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import { CSRF_FIELD } from '@retrowalk/web';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { CSRF_COOKIE, readCookies, SESSION_COOKIE, serializeCookie } from './cookies';
import { CsrfRefused } from './workspace-errors';

/**
 * The workspace's cookies and CSRF tokens. Each browser holds a random CSRF secret in a cookie;
 * every form carries HMAC(secret, session), and every POST must bring back exactly that. A page of
 * another site can make the browser POST (with cookies), but cannot read the token to put in it.
 */
@Injectable()
export class WorkspaceAuth {
  private readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: SignInTokens,
  ) {
    this.secure = config.publicBaseUrl.startsWith('https:');
  }

  sessionTokenOf(request: AuthenticatedRequest): string | null {
    return readCookies(request.headers.cookie).get(SESSION_COOKIE) ?? null;
  }

  startSession(reply: FastifyReply, sessionToken: string): void {
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, sessionToken, { secure: this.secure }));
  }

  endSession(reply: FastifyReply): void {
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { secure: this.secure, maxAge: 0 }));
  }

  /**
   * The token for this page's forms. A browser without a CSRF secret gets one (the cookie goes
   * with this answer), so the first page it opens already carries a working token.
   */
  csrfToken(request: AuthenticatedRequest, reply: FastifyReply, sessionId: string | null): string {
    let secret = readCookies(request.headers.cookie).get(CSRF_COOKIE);
    if (!secret) {
      secret = this.tokens.newCsrfSecret();
      // Year-long: a form left open overnight still posts. It protects nothing on its own.
      const cookie = serializeCookie(CSRF_COOKIE, secret, { secure: this.secure, maxAge: 365 * 86_400 });
      const existing = reply.getHeader('set-cookie');
      void reply.header('set-cookie', existing ? [...[existing].flat().map(String), cookie] : cookie);
      // The rest of this request (a page rendered after a redirect target) sees the same secret.
      request.headers.cookie = `${request.headers.cookie ? `${request.headers.cookie}; ` : ''}${CSRF_COOKIE}=${secret}`;
    }
    return this.tokens.csrfToken(secret, sessionId);
  }

  /** Refuses a POST whose form does not carry this browser's and this session's token. */
  checkCsrf(request: AuthenticatedRequest, sessionId: string | null): void {
    const secret = readCookies(request.headers.cookie).get(CSRF_COOKIE);
    const body = request.body as Record<string, unknown> | undefined;
    const sent = typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : '';
    if (!secret || sent === '') throw new CsrfRefused();
    const expected = Buffer.from(this.tokens.csrfToken(secret, sessionId));
    const given = Buffer.from(sent);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new CsrfRefused();
  }
}
