import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@retrowalk/config';
import { mailHeaderNameProblem } from '@retrowalk/domain';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { EmailRepository, type OutgoingEmail } from './email.repository';

const ADDRESS = 'coach@retrowalk.test';
const DATE = new Date('2027-03-01T12:00:00Z');

describe('EmailRepository: the From header', () => {
  let dir: string;
  let mail: EmailRepository;
  let sent = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false); // the "wrote an .eml file" lines would fill the test output
    dir = await mkdtemp(join(tmpdir(), 'retrowalk-mail-'));
    mail = new EmailRepository(loadConfig({ MAIL_DIR: dir, LOG_LEVEL: 'error' }));
  });
  afterAll(async () => {
    mail.onApplicationShutdown();
    await rm(dir, { recursive: true, force: true });
  });

  /** Sends one email to disk and reads its From header back as a mail client would. */
  async function fromHeaderOf(from: OutgoingEmail['from']) {
    const id = `m${++sent}`;
    await mail.send({
      to: 'sam@example.com',
      from,
      subject: 'Hello',
      text: 'Hello',
      html: '<p>Hello</p>',
      date: DATE,
      messageId: `<${id}@retrowalk.test>`,
      headers: {},
      kind: 'confirm',
    });
    const raw = await readFile(join(dir, `${DATE.toISOString().replace(/[:.]/g, '-')}-confirm-${id}.eml`));
    const parsed = await simpleParser(raw);
    const header = /^From: (.*(?:\r?\n[ \t].*)*)/m.exec(raw.toString('utf8'))?.[1] ?? '';
    return { addresses: parsed.from?.value ?? [], header };
  }

  it.each([
    'Acme \\',
    'Acme "Wellbeing" team',
    '=?utf-8?q?evil=40attacker.test?= <evil@attacker.test>',
    'Evil <evil@attacker.test>, other@attacker.test',
    'Zoë & Co.',
  ])('keeps the address whatever the name: %j', async (name) => {
    const { addresses } = await fromHeaderOf({ name, address: ADDRESS });
    expect(addresses).toHaveLength(1);
    expect(addresses[0]?.address).toBe(ADDRESS);
  });

  it('keeps the address for any name at all, and shows an accepted name exactly', async () => {
    const fragment = fc.constantFrom(
      '\\',
      '"',
      '<',
      '>',
      '@',
      ',',
      ';',
      ':',
      '=?',
      '?=',
      '(',
      ')',
      'é',
      '李',
      '🏃',
      ' ',
    );
    const name = fc
      .array(fc.oneof(fragment, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) =>
        parts
          .join('')
          .replace(/[\r\n]/g, ' ')
          .trim(),
      )
      .filter((n) => n.length > 0);
    await fc.assert(
      fc.asyncProperty(name, async (n) => {
        const { addresses } = await fromHeaderOf({ name: n, address: ADDRESS });
        expect(addresses.map((a) => a.address)).toEqual([ADDRESS]);
        if (mailHeaderNameProblem(n) === null) expect(addresses[0]?.name).toBe(n.replace(/\s+/g, ' '));
      }),
      { numRuns: 60, seed: 8 },
    );
    // Sixty real renders and file writes: seconds on a loaded machine, not a hang.
  }, 30_000);

  it('writes a name with a backslash as a quoted string a server accepts', async () => {
    const { header } = await fromHeaderOf({ name: 'Acme \\', address: ADDRESS });
    expect(header).toBe(`"Acme \\\\" <${ADDRESS}>`);
  });

  it('sends an operator MAIL_FROM as written', async () => {
    const { addresses } = await fromHeaderOf('Retrowalk <coach@retrowalk.test>');
    expect(addresses).toEqual([{ name: 'Retrowalk', address: ADDRESS }]);
  });
});
