import { parseDeliveryStatusNotification } from './dsn-report';
import { postfixDsn } from './email-event.fixtures';

const ROW = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const VERP = `bounces+${ROW}@bounces.retrowalk.test`;
const NOW = new Date('2027-03-01T12:10:00Z');
const sample = { email: 'sam@example.com', messageId: `<${ROW}@retrowalk.test>`, returnPath: VERP };

describe('delivery status notifications (RFC 3464)', () => {
  it('reads a Postfix bounce piped as message/rfc822: a hard bounce of our row', () => {
    expect(parseDeliveryStatusNotification(postfixDsn(sample), 'message/rfc822', NOW)).toEqual({
      ok: true,
      value: [
        {
          type: 'bounce',
          bounceType: 'hard',
          email: 'sam@example.com',
          rowId: ROW,
          queueId: null,
          occurredAt: new Date('2027-03-01T12:00:01Z'),
          eventId: null,
          detail: '550 5.1.1 <sam@example.com>: Recipient address rejected: User unknown',
        },
      ],
    });
  });

  it('finds the row by the VERP address even when the returned headers were dropped', () => {
    const dropped = postfixDsn({ ...sample, headersDropped: true });
    expect(dropped).not.toContain('Message-ID:');
    const result = parseDeliveryStatusNotification(dropped, 'message/rfc822', NOW);
    expect(result.ok && result.value[0]!.rowId).toBe(ROW);
  });

  it('finds the row by the returned Message-ID when the DSN went elsewhere', () => {
    const elsewhere = postfixDsn(sample).replace(
      /^(Delivered-To|To): .*$/gm,
      '$1: postmaster@retrowalk.test',
    );
    const result = parseDeliveryStatusNotification(elsewhere, 'message/rfc822', NOW);
    expect(result.ok && result.value[0]!.rowId).toBe(ROW);
  });

  it('takes the multipart/report body alone, with the boundary in the HTTP content type', () => {
    const whole = postfixDsn(sample);
    const body = whole.slice(whole.indexOf('\n\n') + 2);
    const result = parseDeliveryStatusNotification(
      body,
      'multipart/report; report-type=delivery-status; boundary="B0UND.ARY"',
      NOW,
    );
    expect(result.ok && result.value[0]).toMatchObject({ type: 'bounce', bounceType: 'hard', rowId: ROW });
  });

  it('reads a full mailbox as soft, and a delay as a deferral', () => {
    const full = parseDeliveryStatusNotification(postfixDsn(sample, '5.2.2'), 'message/rfc822', NOW);
    expect(full.ok && full.value[0]!.bounceType).toBe('soft');
    const delayed = parseDeliveryStatusNotification(postfixDsn(sample, '4.4.1'), 'message/rfc822', NOW);
    expect(delayed.ok && delayed.value[0]).toMatchObject({ type: 'deferred', bounceType: null });
  });

  it('refuses what is not a delivery report, naming what is missing', () => {
    for (const [raw, type] of [
      ['Subject: hello\n\nJust a note', 'message/rfc822'],
      [
        postfixDsn(sample).replace('report-type=delivery-status', 'report-type=feedback-report'),
        'message/rfc822',
      ],
      [postfixDsn(sample).replace(/^Final-Recipient.*\n[\s\S]*?Diagnostic-Code.*\n/m, ''), 'message/rfc822'],
      ['--x\n\n--x--', 'multipart/report; report-type=delivery-status'],
    ] as const) {
      const result = parseDeliveryStatusNotification(raw, type, NOW);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problems[0]!.field).toBe('body');
    }
    const odd = parseDeliveryStatusNotification(
      postfixDsn(sample).replace('Action: failed', 'Action: vanished'),
      'message/rfc822',
      NOW,
    );
    expect(odd).toMatchObject({ ok: false, problems: [{ field: 'Action' }] });
  });
});
