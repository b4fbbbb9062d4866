import { X509Certificate } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { isSnsCertificateUrl, isSnsSubscribeUrl } from '@retrowalk/domain';

/** SNS rotates its signing certificate rarely; an hour keeps fetches rare and a rotation quick. */
const CERTIFICATE_TTL_MS = 3_600_000;
const MAX_CERTIFICATES = 20;
const FETCH_TIMEOUT_MS = 5000;
const MAX_CERTIFICATE_BYTES = 16 * 1024;

/**
 * The only code that talks to Amazon SNS: it fetches the certificates SNS signs with (cached, only
 * from SNS hosts over https, checked to be a current X.509 certificate) and confirms
 * subscriptions by visiting their SubscribeURL. Both URLs come from a request body, so each is
 * checked against SNS's own host names before anything is fetched.
 */
@Injectable()
export class SnsRepository {
  private readonly logger = new Logger(SnsRepository.name);
  private readonly certificates = new Map<string, { pem: string; until: number }>();
  /** Fetches made (a cached certificate makes none), for the operator's curiosity and the tests. */
  fetches = 0;

  async certificate(url: string): Promise<string | null> {
    if (!isSnsCertificateUrl(url)) return null;
    const cached = this.certificates.get(url);
    if (cached && cached.until > Date.now()) return cached.pem;
    const pem = await this.fetchText(url, MAX_CERTIFICATE_BYTES);
    if (pem === null || !isCurrentCertificate(pem)) return null;
    if (this.certificates.size >= MAX_CERTIFICATES) this.certificates.clear();
    this.certificates.set(url, { pem, until: Date.now() + CERTIFICATE_TTL_MS });
    return pem;
  }

  /** Confirms a subscription (the HTTP GET AWS documents). True when SNS answered 200. */
  async confirmSubscription(subscribeUrl: string): Promise<boolean> {
    if (!isSnsSubscribeUrl(subscribeUrl)) return false;
    return (await this.fetchText(subscribeUrl, 64 * 1024)) !== null;
  }

  private async fetchText(url: string, maxBytes: number): Promise<string | null> {
    this.fetches++;
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) {
        this.logger.warn(`SNS answered ${response.status} for ${new URL(url).hostname}`);
        return null;
      }
      const body = await response.text();
      return body.length <= maxBytes ? body : null;
    } catch (error) {
      this.logger.warn(`SNS could not be reached (${(error as Error).message})`);
      return null;
    }
  }
}

function isCurrentCertificate(pem: string): boolean {
  try {
    const certificate = new X509Certificate(pem);
    const now = Date.now();
    return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
  } catch {
    return false;
  }
}
