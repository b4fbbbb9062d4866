import { SignInTokens } from '@retrowalk/application';
import { loadConfig } from '@retrowalk/config';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceAuth } from './workspace-auth';
import { CsrfRefused } from './workspace-errors';

function authFor(publicBaseUrl: string): WorkspaceAuth {
  const config = loadConfig({ PUBLIC_BASE_URL: publicBaseUrl });
  return new WorkspaceAuth(config, new SignInTokens(config));
}

/** Just what WorkspaceAuth touches of a reply: the headers it sets. */
function replyRecorder(): { reply: FastifyReply; cookies: () => string[] } {
  const headers = new Map<string, unknown>();
  const reply = {
    header(name: string, value: unknown) {
      headers.set(name, value);
      return this;
    },
    getHeader: (name: string) => headers.get(name),
  } as unknown as FastifyReply;
  return { reply, cookies: () => [headers.get('set-cookie') ?? []].flat().map(String) };
}

const request = (cookie?: string, body?: unknown) =>
  ({ headers: cookie ? { cookie } : {}, body }) as unknown as AuthenticatedRequest;

describe('WorkspaceAuth', () => {
  it('marks the session cookie Secure when the public address is https', () => {
    const { reply, cookies } = replyRecorder();
    authFor('https://rw.example').startSession(reply, 'tok');
    expect(cookies()).toEqual(['rw_session=tok; Path=/coach; HttpOnly; SameSite=Lax; Secure']);
    const plain = replyRecorder();
    authFor('http://localhost:3000').startSession(plain.reply, 'tok');
    expect(plain.cookies()).toEqual(['rw_session=tok; Path=/coach; HttpOnly; SameSite=Lax']);
  });

  it('gives a new browser a CSRF secret and accepts only the token made from it for the same session', () => {
    const auth = authFor('https://rw.example');
    const { reply, cookies } = replyRecorder();
    const fresh = request();
    const token = auth.csrfToken(fresh, reply, 'session-1');
    const secretCookie = cookies()[0]!;
    expect(secretCookie).toMatch(
      /^rw_csrf=[\w-]+; Path=\/coach; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
    const cookie = secretCookie.split(';')[0]!;
    expect(() => auth.checkCsrf(request(cookie, { _csrf: token }), 'session-1')).not.toThrow();
    expect(() => auth.checkCsrf(request(cookie, { _csrf: token }), 'session-2')).toThrow(CsrfRefused);
    expect(() => auth.checkCsrf(request(cookie, {}), 'session-1')).toThrow(CsrfRefused);
    expect(() => auth.checkCsrf(request(undefined, { _csrf: token }), 'session-1')).toThrow(CsrfRefused);
    expect(() => auth.checkCsrf(request('rw_csrf=other', { _csrf: token }), 'session-1')).toThrow(
      CsrfRefused,
    );
  });
});
