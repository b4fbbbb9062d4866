import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('works with no settings at all, against local services', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/retrowalk');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.smtpUrl).toBeNull();
    expect(config.testClock).toBe(false);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });

  it('names every bad variable with the value it got', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TEST_CLOCK: 'yes' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('postgres://');
    expect(problems.find((p) => p.startsWith('TEST_CLOCK'))).toBeDefined();
  });

  it('refuses the test clock in production', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      TEST_CLOCK: 'enabled',
      LINK_SECRET: 'x'.repeat(40),
      PUBLIC_BASE_URL: 'https://retrowalk.example',
    });
    expect(problems).toEqual([expect.stringMatching(/^TEST_CLOCK: .*production/)]);
  });

  it('requires a link secret and a public address in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['LINK_SECRET', 'PUBLIC_BASE_URL']);
  });

  it('rejects a short link secret', () => {
    expect(problemsOf({ LINK_SECRET: 'short' })[0]).toMatch(/^LINK_SECRET.*32/);
  });

  describe('LINK_SECRET_PREVIOUS', () => {
    const current = 'c'.repeat(40);
    const older = 'o'.repeat(32);
    const oldest = 'x'.repeat(48);

    it('is empty unless set', () => {
      expect(loadConfig({}).linkSecretPrevious).toEqual([]);
    });

    it('reads one or more previous secrets, comma separated, spaces around them ignored', () => {
      expect(loadConfig({ LINK_SECRET: current, LINK_SECRET_PREVIOUS: older }).linkSecretPrevious).toEqual([
        older,
      ]);
      expect(
        loadConfig({ LINK_SECRET: current, LINK_SECRET_PREVIOUS: ` ${older} , ${oldest}` })
          .linkSecretPrevious,
      ).toEqual([older, oldest]);
    });

    it('names the entry that is too short or empty, never printing any secret', () => {
      const secretLike = 'tooShortButSecret';
      const problems = problemsOf({
        LINK_SECRET: current,
        LINK_SECRET_PREVIOUS: `${older},${secretLike},,${oldest}`,
      });
      expect(problems).toEqual([
        'LINK_SECRET_PREVIOUS: the second of 4 secret(s) is shorter than 32 characters',
        'LINK_SECRET_PREVIOUS: the third of 4 secret(s) is empty (a stray comma?)',
      ]);
      for (const secret of [secretLike, older, oldest, current]) {
        expect(problems.join('\n')).not.toContain(secret);
      }
    });

    it('refuses more than five', () => {
      const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(32)).join(',');
      const problems = problemsOf({ LINK_SECRET: current, LINK_SECRET_PREVIOUS: six });
      expect(problems).toEqual([expect.stringMatching(/^LINK_SECRET_PREVIOUS: at most 5 previous secrets/)]);
      expect(problems[0]).not.toContain('0'.repeat(32));
    });
  });

  it('strips a trailing slash from the public address', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://walk.example/' }).publicBaseUrl).toBe(
      'https://walk.example',
    );
  });
});
