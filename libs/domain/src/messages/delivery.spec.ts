import fc from 'fast-check';
import {
  classifySmtpFailure,
  enhancedStatusOf,
  expiresAt,
  FINAL_STATUSES,
  hasExpired,
  isFinalStatus,
  rescheduleDelayMs,
  smtpFailureClassOf,
  smtpQueueIdOf,
  UNFINISHED_STATUSES,
} from './delivery';
import { MESSAGE_KINDS, MESSAGE_POLICIES, REMINDER_STALE_AFTER_MS, SEND_PRIORITY } from './message-kind';

const HOUR = 3_600_000;

describe('message statuses', () => {
  it('splits every status into unfinished or final, never both', () => {
    for (const status of UNFINISHED_STATUSES) expect(isFinalStatus(status)).toBe(false);
    for (const status of FINAL_STATUSES) expect(isFinalStatus(status)).toBe(true);
    expect(new Set([...UNFINISHED_STATUSES, ...FINAL_STATUSES]).size).toBe(8);
  });
});

describe('expiry', () => {
  const due = new Date('2027-03-01T12:30:00Z');

  it('never expires a safety message, however late', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 }), (hoursLate) => {
        const now = new Date(due.getTime() + hoursLate * HOUR);
        expect(hasExpired('safety_stop', due, now)).toBe(false);
        expect(hasExpired('coach_alert', due, now)).toBe(false);
      }),
    );
    expect(expiresAt('safety_stop', due)).toBeNull();
  });

  it('drops a reminder more than six hours late, and sends one up to six hours late', () => {
    expect(hasExpired('reminder', due, new Date(due.getTime() + REMINDER_STALE_AFTER_MS))).toBe(false);
    expect(hasExpired('reminder', due, new Date(due.getTime() + REMINDER_STALE_AFTER_MS + 1))).toBe(true);
  });

  it('expires every other kind exactly at its own window, never before', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_KINDS.filter((k) => MESSAGE_POLICIES[k].expiresAfterMs !== null)),
        fc.integer({ min: -48, max: 24 * 60 }).map((h) => h * HOUR),
        (kind, lateMs) => {
          const window = MESSAGE_POLICIES[kind].expiresAfterMs!;
          const now = new Date(due.getTime() + lateMs);
          expect(hasExpired(kind, due, now)).toBe(lateMs > window);
        },
      ),
    );
  });

  it('keeps a confirmation worth sending for as long as its link would last', () => {
    expect(MESSAGE_POLICIES.confirm.expiresAfterMs).toBe(14 * 24 * HOUR);
  });
});

describe('rescheduleDelayMs', () => {
  const policy = { baseMs: 60_000, maxMs: 30 * 60_000 };

  it('starts at the base and doubles', () => {
    expect([0, 1, 2, 3, 4].map((n) => rescheduleDelayMs(n, policy))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000,
    ]);
  });

  it('never exceeds the cap and never shrinks as retries grow, for any count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const delay = rescheduleDelayMs(n, policy);
        expect(delay).toBeGreaterThanOrEqual(policy.baseMs);
        expect(delay).toBeLessThanOrEqual(policy.maxMs);
        expect(rescheduleDelayMs(n + 1, policy)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});

describe('classifySmtpFailure', () => {
  it('bounces a recipient refused at RCPT TO', () => {
    expect(
      classifySmtpFailure({
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 550,
        response: '550 5.1.1 <sam@example.com>: Recipient address rejected',
      }),
    ).toBe('bounce');
  });

  it('bounces a 5.1.x addressing answer at the end of DATA', () => {
    expect(
      classifySmtpFailure({ command: 'DATA', responseCode: 550, response: '550 5.1.1 no such user' }),
    ).toBe('bounce');
  });

  it('retries 4xx answers, timeouts and lost connections', () => {
    expect(
      classifySmtpFailure({ command: 'RCPT TO', responseCode: 451, response: '451 4.3.0 try later' }),
    ).toBe('retry');
    expect(classifySmtpFailure({ code: 'ETIMEDOUT', command: 'CONN' })).toBe('retry');
    expect(classifySmtpFailure({ code: 'ECONNECTION', command: 'CONN' })).toBe('retry');
    expect(classifySmtpFailure({ code: 'ESOCKET' })).toBe('retry');
    expect(classifySmtpFailure({})).toBe('retry');
  });

  it('retries 5xx answers that are about the sender or the setup, not the address', () => {
    expect(classifySmtpFailure({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 })).toBe('retry');
    expect(
      classifySmtpFailure({ command: 'MAIL FROM', responseCode: 501, response: '501 5.5.4 bad sender' }),
    ).toBe('retry');
    expect(classifySmtpFailure({ command: 'DATA', responseCode: 554, response: '554 5.7.1 policy' })).toBe(
      'retry',
    );
  });

  it('never bounces on any reply below 500, whatever else it says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 499 }),
        fc.constantFrom('RCPT TO', 'DATA', 'MAIL FROM', 'CONN'),
        fc.string(),
        (responseCode, command, response) => {
          expect(classifySmtpFailure({ responseCode, command, response, code: 'EENVELOPE' })).toBe('retry');
        },
      ),
    );
  });
});

describe('send priorities', () => {
  const priority = (kind: keyof typeof MESSAGE_POLICIES) => MESSAGE_POLICIES[kind].priority;

  it('puts safety mail first, replies next, then reminders, then summaries and nudges', () => {
    expect(priority('safety_stop')).toBe(SEND_PRIORITY.safety);
    expect(priority('coach_alert')).toBe(SEND_PRIORITY.safety);
    for (const kind of MESSAGE_KINDS) {
      if (MESSAGE_POLICIES[kind].safety) continue;
      expect({ kind, after: priority(kind) > SEND_PRIORITY.safety }).toEqual({ kind, after: true });
    }
    expect(priority('confirm')).toBeLessThan(priority('reminder'));
    expect(priority('reminder')).toBeLessThan(priority('weekly_summary'));
    expect(priority('reminder')).toBeLessThan(priority('re_engagement'));
    expect(priority('weekly_summary')).toBe(priority('re_engagement'));
  });

  it('uses only priorities BullMQ takes (0 is its unprioritised list, served first)', () => {
    for (const kind of MESSAGE_KINDS)
      expect(Number.isInteger(priority(kind)) && priority(kind) >= 0).toBe(true);
    expect(SEND_PRIORITY.safety).toBe(0);
  });
});

describe('what the server said when it took a message', () => {
  it.each([
    ['250 2.0.0 Ok: queued as 4F1B2C3D4E', '4F1B2C3D4E'],
    ['250 OK id=1r2AbC-000123-XY', '1r2AbC-000123-XY'],
    [
      '250 Ok 0100018d3e4f5a6b-7c8d9e0f-1a2b-3c4d-5e6f-7a8b9c0d1e2f-000000',
      '0100018d3e4f5a6b-7c8d9e0f-1a2b-3c4d-5e6f-7a8b9c0d1e2f-000000',
    ],
    ['250 2.0.0 x1ABC123 Message accepted for delivery', 'x1ABC123'],
    ['250 Ok: queued as <5e0c0f5e-b1c2-4a7e-9f00-123456789abc>', '5e0c0f5e-b1c2-4a7e-9f00-123456789abc'],
  ])('finds the queue id in %s', (reply, id) => {
    expect(smtpQueueIdOf(reply)).toBe(id);
  });

  it('finds none where the reply names none', () => {
    for (const reply of ['250 OK: message queued', '250 Great success', '', null])
      expect(smtpQueueIdOf(reply)).toBeNull();
  });

  it('reads the enhanced status of a reply', () => {
    expect(enhancedStatusOf('550 5.1.1 <sam@example.com>: no such user')).toBe('5.1.1');
    expect(enhancedStatusOf('451 4.3.0 try later')).toBe('4.3.0');
    expect(enhancedStatusOf('550 no such user')).toBeNull();
  });
});

describe('the class of a transient failure (a metric label)', () => {
  it.each([
    [{ responseCode: 451, response: '451 4.3.0 try later' }, 'smtp_4xx'],
    [{ responseCode: 554, command: 'DATA' }, 'smtp_5xx'],
    [{ responseCode: 535, code: 'EAUTH' }, 'auth'],
    [{ code: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'ECONNECTION' }, 'connection'],
    [{ code: 'ESOCKET' }, 'connection'],
    [{ code: 'EAUTH' }, 'auth'],
    [{ code: 'EWHATEVER' }, 'smtp_other'],
    [{}, 'smtp_other'],
  ] as const)('%j is %s', (failure, expected) => {
    expect(smtpFailureClassOf(failure)).toBe(expected);
  });

  it('is always one of a closed set, whatever nodemailer reports', () => {
    const classes = new Set(['smtp_4xx', 'smtp_5xx', 'timeout', 'connection', 'auth', 'smtp_other']);
    fc.assert(
      fc.property(
        fc.record({
          code: fc.option(fc.string(), { nil: undefined }),
          responseCode: fc.option(fc.integer(), { nil: undefined }),
        }),
        (failure) => classes.has(smtpFailureClassOf(failure)),
      ),
    );
  });
});
