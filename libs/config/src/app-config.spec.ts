import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadConfig } from './app-config';
import { problemsOf } from './config-problems.spec-helper';

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

describe('deliverability settings', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  it('pools SMTP connections by default, four sends per connection', () => {
    const config = loadConfig({});
    expect(config.deliverability.smtpPool).toEqual({ size: 5, maxMessages: 1000 });
    expect(config.sendConcurrency).toBe(20);
    expect(loadConfig({ SMTP_POOL_SIZE: '8' }).sendConcurrency).toBe(32);
    expect(loadConfig({ SMTP_POOL_SIZE: '8', SEND_CONCURRENCY: '10' }).sendConcurrency).toBe(10);
    expect(config.deliverability.sendRatePerSecond).toBeNull();
    expect(loadConfig({ SEND_RATE_PER_SECOND: '14' }).deliverability.sendRatePerSecond).toBe(14);
  });

  it('takes a DKIM key inline (one line, \\n for line breaks) or from a file', () => {
    const inline = loadConfig({
      DKIM_DOMAIN: 'acme.example',
      DKIM_SELECTOR: 'rw1',
      DKIM_PRIVATE_KEY: rsa.replace(/\n/g, '\\n'),
    });
    expect(inline.deliverability.dkim).toEqual({
      domainName: 'acme.example',
      keySelector: 'rw1',
      privateKey: rsa,
    });
    const file = `${mkdtempSync('/tmp/dkim-')}/key.pem`;
    writeFileSync(file, rsa);
    expect(
      loadConfig({ DKIM_DOMAIN: 'acme.example', DKIM_SELECTOR: 'rw1', DKIM_PRIVATE_KEY_FILE: file })
        .deliverability.dkim?.privateKey,
    ).toBe(rsa);
    expect(loadConfig({}).deliverability.dkim).toBeNull();
  });

  it('refuses an incomplete or broken DKIM setting without ever printing the key', () => {
    const secretKey = rsa.replace(/\n/g, '\\n');
    const broken = `${secretKey.slice(0, 200)}BROKEN`;
    const cases: Record<string, string>[] = [
      { DKIM_DOMAIN: 'acme.example', DKIM_PRIVATE_KEY: secretKey },
      { DKIM_DOMAIN: 'acme.example', DKIM_SELECTOR: 'rw1', DKIM_PRIVATE_KEY: broken },
      {
        DKIM_DOMAIN: 'acme.example',
        DKIM_SELECTOR: 'rw1',
        DKIM_PRIVATE_KEY: secretKey,
        DKIM_PRIVATE_KEY_FILE: '/x',
      },
      { DKIM_DOMAIN: 'acme.example', DKIM_SELECTOR: 'rw1', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key.pem' },
      { DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: 'rw1', DKIM_PRIVATE_KEY: secretKey },
    ];
    for (const env of cases) {
      const problems = problemsOf(env);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join('\n')).toMatch(/DKIM_/);
      expect(problems.join('\n')).not.toContain('PRIVATE KEY-----');
      expect(problems.join('\n')).not.toContain(secretKey.slice(40, 80));
    }
  });

  it('never shows a webhook secret it refuses', () => {
    const problems = problemsOf({
      EMAIL_EVENTS_SECRET: 'short-secret-value',
      POSTMARK_WEBHOOK_PASSWORD: 'tiny-pass',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toMatch(/short-secret-value|tiny-pass/);
  });

  it('reads the bounce domain, SNS topics and the SendGrid key', () => {
    expect(loadConfig({ MAIL_FROM: 'Acme <walk@acme.example>' }).deliverability.bounceDomain).toBe(
      'acme.example',
    );
    expect(loadConfig({ BOUNCE_DOMAIN: 'bounces.acme.example' }).deliverability.bounceDomain).toBe(
      'bounces.acme.example',
    );
    const topics = 'arn:aws:sns:eu-west-1:123456789012:ses-a, arn:aws:sns:us-east-1:123456789012:ses-b';
    expect(loadConfig({ SES_SNS_TOPIC_ARNS: topics }).deliverability.events.sesTopicArns).toHaveLength(2);
    expect(problemsOf({ SES_SNS_TOPIC_ARNS: 'topic-a' })[0]).toMatch(/^SES_SNS_TOPIC_ARNS/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    expect(loadConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: ec }).deliverability.events.sendGridPublicKey).toBe(ec);
    expect(problemsOf({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'abc' })[0]).toMatch(/^SENDGRID_WEBHOOK_PUBLIC_KEY/);
    expect(
      loadConfig({ POSTMARK_WEBHOOK_PASSWORD: 'a-long-postmark-password' }).deliverability.events.postmark,
    ).toEqual({
      user: 'postmark',
      password: 'a-long-postmark-password',
    });
  });
});
