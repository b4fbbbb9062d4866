import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { snsNotification, snsSubscriptionConfirmation } from './email-event.fixtures';
import { parseSnsEnvelope, snsStringToSign, type SnsEnvelope } from './ses-notification';
import {
  constantTimeEqual,
  isFreshTimestamp,
  retrowalkSignature,
  verifyBasicAuth,
  verifyRetrowalkSignature,
  verifySendGridSignature,
  verifySnsSignature,
} from './webhook-signatures';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('the generic signature', () => {
  const body = Buffer.from('{"type":"bounce"}');

  it('accepts the HMAC of the raw body and nothing else', () => {
    const signature = retrowalkSignature(SECRET, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyRetrowalkSignature(SECRET, body, signature)).toBe(true);
    expect(verifyRetrowalkSignature(SECRET, body, signature.toUpperCase().replace('SHA256', 'sha256'))).toBe(
      true,
    );
    expect(verifyRetrowalkSignature(SECRET, Buffer.from('{"type":"bounce" }'), signature)).toBe(false);
    expect(verifyRetrowalkSignature('another-secret-of-at-least-32-characters', body, signature)).toBe(false);
    expect(verifyRetrowalkSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyRetrowalkSignature(SECRET, body, signature.slice(0, -1))).toBe(false);
  });

  it('compares in constant time: equal only when equal, for any lengths', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
  });

  it('checks Basic credentials for Postmark, user and password both', () => {
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    expect(verifyBasicAuth(basic('postmark', SECRET), 'postmark', SECRET)).toBe(true);
    expect(verifyBasicAuth(basic('postmark', `${SECRET}x`), 'postmark', SECRET)).toBe(false);
    expect(verifyBasicAuth(basic('other', SECRET), 'postmark', SECRET)).toBe(false);
    expect(verifyBasicAuth(`Bearer ${SECRET}`, 'postmark', SECRET)).toBe(false);
    expect(verifyBasicAuth(undefined, 'postmark', SECRET)).toBe(false);
  });
});

describe('SNS signatures, with a locally made certificate', () => {
  const key = createPrivateKey(fixture('sns-signing.key.pem'));
  const certificate = fixture('sns-signing.cert.pem');

  function signed(body: Record<string, string>, version: '1' | '2' = '2'): SnsEnvelope {
    const result = parseSnsEnvelope({ ...body, SignatureVersion: version });
    if (!result.ok) throw new Error('fixture does not parse');
    const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    signer.update(snsStringToSign(result.value));
    return { ...result.value, signature: signer.sign(key, 'base64') };
  }

  it('verifies notifications and subscription confirmations, version 1 and 2', () => {
    expect(verifySnsSignature(signed(snsNotification('hello')), certificate)).toBe(true);
    expect(verifySnsSignature(signed(snsNotification('hello'), '1'), certificate)).toBe(true);
    expect(verifySnsSignature(signed(snsSubscriptionConfirmation()), certificate)).toBe(true);
  });

  it('refuses a changed message, another signer and garbage', () => {
    const envelope = signed(snsNotification('hello'));
    expect(verifySnsSignature({ ...envelope, message: 'hello!' }, certificate)).toBe(false);
    expect(verifySnsSignature({ ...envelope, topicArn: `${envelope.topicArn}x` }, certificate)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(verifySnsSignature(envelope, String(other))).toBe(false);
    expect(verifySnsSignature(envelope, 'not a certificate')).toBe(false);
    expect(verifySnsSignature({ ...envelope, signature: '!!' }, certificate)).toBe(false);
  });
});

describe('SendGrid signatures', () => {
  const privateKey = createPrivateKey(fixture('sendgrid-ecdsa.key.pem'));
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const body = Buffer.from('[{"email":"sam@example.com","event":"bounce"}]');

  const signatureOf = (timestamp: string, raw: Buffer) =>
    sign('sha256', Buffer.concat([Buffer.from(timestamp), raw]), {
      key: privateKey,
      dsaEncoding: 'der',
    }).toString('base64');

  it('verifies the ECDSA signature over timestamp and raw body', () => {
    const ts = '1804075200';
    expect(verifySendGridSignature(publicKey, ts, body, signatureOf(ts, body))).toBe(true);
    expect(verifySendGridSignature(publicKey, '1804075201', body, signatureOf(ts, body))).toBe(false);
    expect(
      verifySendGridSignature(publicKey, ts, Buffer.from(`${body.toString()} `), signatureOf(ts, body)),
    ).toBe(false);
    expect(verifySendGridSignature(publicKey, ts, body, undefined)).toBe(false);
    expect(verifySendGridSignature('not a key', ts, body, signatureOf(ts, body))).toBe(false);
  });

  it('refuses a replay: a signed timestamp more than 15 minutes away from now', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const seconds = (offsetMs: number) => String(Math.floor((now.getTime() + offsetMs) / 1000));
    expect(isFreshTimestamp(seconds(0), now)).toBe(true);
    expect(isFreshTimestamp(seconds(-14 * 60_000), now)).toBe(true);
    expect(isFreshTimestamp(seconds(-16 * 60_000), now)).toBe(false);
    expect(isFreshTimestamp(seconds(16 * 60_000), now)).toBe(false);
    expect(isFreshTimestamp('2027-03-01T11:50:00Z', now)).toBe(true);
    expect(isFreshTimestamp('soon', now)).toBe(false);
    expect(isFreshTimestamp(undefined, now)).toBe(false);
  });
});
