import fc from 'fast-check';
import { ConfigError, loadConfig } from './app-config';
import { shownSetting } from './shown-setting';

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

// Distinctive enough that finding one in a message is never a coincidence.
const secret = fc.stringMatching(/^[A-Za-z0-9!$%&*+,;=._~-]{8,31}$/).map((s) => `S3cr${s}`);

describe('configuration errors never show a secret', () => {
  it('names a short LINK_SECRET and says how long it is, without echoing it', () => {
    const message = messageOf({ LINK_SECRET: 'hunter2-but-short' });
    expect(message).toContain('LINK_SECRET (17 characters, not shown): must be at least 32 characters');
    expect(message).not.toContain('hunter2');
  });

  it('never prints any short secret, whatever it holds', () => {
    fc.assert(
      fc.property(secret, (value) => {
        expect(messageOf({ LINK_SECRET: value })).not.toContain(value);
      }),
    );
  });

  it('masks the password of a URL it refuses, and keeps the rest to help find the mistake', () => {
    const message = messageOf({
      DATABASE_URL: 'mysql://app:pa55word@db.internal:3306/retrowalk',
      SMTP_URL: 'http://mailer:s3cret@mail.example:587',
      REDIS_URL: 'redis://:only-a-password@cache',
    });
    expect(message).toContain('DATABASE_URL (got "mysql://app:***@db.internal:3306/retrowalk")');
    expect(message).toContain('SMTP_URL (got "http://mailer:***@mail.example:587")');
    expect(message).not.toMatch(/pa55word|s3cret|only-a-password/);
  });

  it('masks any URL password, raw @, / and # included', () => {
    const password = fc
      .tuple(secret, fc.constantFrom('', '@', '/', '#', '?', ':'), secret)
      .map(([a, sep, b]) => `${a}${sep}${b}`);
    fc.assert(
      fc.property(password, fc.constantFrom('DATABASE_URL', 'REDIS_URL', 'SMTP_URL'), (pw, name) => {
        const message = messageOf({ [name]: `ftp://user:${pw}@host.example:99/x` });
        expect(message).toContain(`${name} (got "ftp://user:***@`);
        expect(message).not.toContain(pw);
      }),
    );
  });

  it('shows ordinary values as they are', () => {
    expect(shownSetting('PORT', 'eighty')).toBe('(got "eighty")');
    expect(shownSetting('PUBLIC_BASE_URL', 'ftp://walk.example')).toBe('(got "ftp://walk.example")');
    expect(shownSetting('METRICS_TOKEN', 'abc')).toBe('(3 characters, not shown)');
    expect(shownSetting('LINK_SECRET_PREVIOUS', 'abc,def')).toBe('(7 characters, not shown)');
  });
});
