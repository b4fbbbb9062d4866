import { createHash, createHmac, createPublicKey, createVerify, timingSafeEqual, verify } from 'node:crypto';
import { type SnsEnvelope, snsStringToSign } from './ses-notification';

/**
 * Equal in constant time, whatever the lengths: both sides are hashed to 32 bytes first, so neither
 * the position of the first difference nor the length of the secret shows in the timing.
 */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && Buffer.byteLength(a) === Buffer.byteLength(b);
}

/** The value of `X-Retrowalk-Signature` for a body: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function retrowalkSignature(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function verifyRetrowalkSignature(
  secret: string,
  rawBody: Buffer,
  presented: string | undefined,
): boolean {
  if (!presented) return false;
  return constantTimeEqual(retrowalkSignature(secret, rawBody), presented.trim().toLowerCase());
}

/** HTTP Basic credentials (Postmark's webhook authentication), both parts compared in constant time. */
export function verifyBasicAuth(authorization: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,2000})\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = constantTimeEqual(decoded.slice(0, colon), user);
  const passwordOk = constantTimeEqual(decoded.slice(colon + 1), password);
  return userOk && passwordOk;
}

/**
 * SNS message signature (AWS "Verifying the signatures of Amazon SNS messages"): the string to
 * sign, SHA1withRSA for SignatureVersion 1 and SHA256withRSA for 2, against the certificate
 * served at SigningCertURL (fetched only from an SNS host; see isSnsCertificateUrl).
 */
export function verifySnsSignature(envelope: SnsEnvelope, certificatePem: string): boolean {
  try {
    const verifier = createVerify(envelope.signatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    verifier.update(snsStringToSign(envelope), 'utf8');
    return verifier.verify(certificatePem, envelope.signature, 'base64');
  } catch {
    return false;
  }
}

/**
 * SendGrid's signed event webhook: an ECDSA (P-256, SHA-256) signature, base64 DER, over the
 * timestamp header followed by the raw body, checked with the verification key SendGrid shows
 * (base64 DER public key).
 */
export function verifySendGridSignature(
  publicKeyBase64: string,
  timestamp: string | undefined,
  rawBody: Buffer,
  signatureBase64: string | undefined,
): boolean {
  if (!timestamp || !signatureBase64) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]),
      { key, dsaEncoding: 'der' },
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

/** A signed request older (or further ahead) than this is a replay, whatever its signature says. */
export const SIGNED_REQUEST_TOLERANCE_MS = 15 * 60_000;

/** True when a Unix-seconds or ISO timestamp is within the tolerance of now. */
export function isFreshTimestamp(
  value: string | undefined,
  now: Date,
  toleranceMs = SIGNED_REQUEST_TOLERANCE_MS,
): boolean {
  if (!value) return false;
  const ms = /^\d{1,12}$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) && Math.abs(now.getTime() - ms) <= toleranceMs;
}
