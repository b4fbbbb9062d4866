import { readCookies, serializeCookie } from './cookies';

describe('workspace cookies', () => {
  it('are HttpOnly, SameSite=Lax, scoped to /coach, and Secure only on https', () => {
    expect(serializeCookie('rw_session', 'abc', { secure: false })).toBe(
      'rw_session=abc; Path=/coach; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('rw_session', '', { secure: true, maxAge: 0 })).toBe(
      'rw_session=; Path=/coach; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });

  it('are read back, ignoring malformed and later duplicates', () => {
    const cookies = readCookies('a=1; rw_session=tok_en-1;bad; rw_session=second; x=<script>');
    expect(cookies.get('rw_session')).toBe('tok_en-1');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.has('x')).toBe(false);
    expect(readCookies(undefined).size).toBe(0);
  });
});
