import { SignInService, SignInTokens } from '@retrowalk/application';
import { UnitOfWork } from '@retrowalk/persistence';
import { type RetrowalkHarness } from './retrowalk-harness';

export interface PageResult {
  status: number;
  text: string;
  location: string | null;
  setCookies: string[];
}

/**
 * A browser for the workspace, without a browser: it keeps cookies, reads each page's CSRF token
 * and sends forms the way a browser does (application/x-www-form-urlencoded).
 */
export class WorkspaceBrowser {
  private readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page read. */
  csrf = '';

  constructor(private readonly rw: RetrowalkHarness) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  forget(name: string): void {
    this.cookies.delete(name);
  }

  async get(path: string): Promise<PageResult> {
    return this.send('GET', path);
  }

  /** POSTs a form; `_csrf` is the last page's token unless the fields say otherwise. */
  async post(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: boolean } = {},
  ): Promise<PageResult> {
    const form = new URLSearchParams(options.csrf === false ? fields : { _csrf: this.csrf, ...fields });
    return this.send('POST', path, form.toString());
  }

  private async send(method: string, path: string, body?: string): Promise<PageResult> {
    const response = await fetch(`${this.rw.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
          : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf"\s+value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, text, location: response.headers.get('location'), setCookies };
  }

  /**
   * Signs in as a member without a mailbox: asks for a link as the sign-in page does, then derives
   * the link's token from its id, exactly as the email would carry it.
   */
  async signIn(email: string): Promise<PageResult> {
    await this.rw.api.get(SignInService).requestLink(email, null);
    const rows = await this.rw.api.get(UnitOfWork).manager.query<{ id: string }[]>(
      `SELECT l.id FROM sign_in_links l JOIN members m ON m.id = l.member_id
       WHERE lower(m.email) = lower($1) AND l.used_at IS NULL ORDER BY l.created_at DESC LIMIT 1`,
      [email],
    );
    if (!rows[0]) throw new Error(`No sign-in link for ${email}: is it a member?`);
    const token = this.rw.api.get(SignInTokens).linkToken(rows[0].id);
    await this.get(`/coach/sign-in/${token}`);
    return this.post(`/coach/sign-in/${token}`);
  }
}
