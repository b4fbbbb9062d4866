import { Injectable } from '@nestjs/common';
import { type MessageKind, smtpFailureClassOf } from '@retrowalk/domain';
import { MailDeliveryError } from '@retrowalk/mail';
import { Metrics } from '@retrowalk/observability';

/** How a row ended without being sent, for the counter of each final state. */
export type EndedAs = 'expired' | 'suppressed' | 'bounced';

/**
 * The send path's figures, in its own words. Callers report only transitions that happened (the
 * UPDATE matched the claim, and its transaction committed), so every count is a row's, once.
 */
@Injectable()
export class SendMetrics {
  constructor(private readonly metrics: Metrics) {}

  /** Times one SMTP call; the outcome says how it ended (accepted, bounce or retry). */
  async timeSmtp<T>(send: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      const result = await send();
      this.metrics.sendDuration.observe({ outcome: 'accepted' }, Metrics.secondsSince(started));
      return result;
    } catch (error) {
      const outcome = error instanceof MailDeliveryError ? error.verdict : 'retry';
      this.metrics.sendDuration.observe({ outcome }, Metrics.secondsSince(started));
      throw error;
    }
  }

  sent(kind: MessageKind): void {
    this.metrics.emailsSent.inc({ kind });
  }

  /** A transient failure (retried); anything but an SMTP answer is ours: `internal` (Postgres, a bug). */
  failed(kind: MessageKind, error: unknown): void {
    const reason = error instanceof MailDeliveryError ? smtpFailureClassOf(error.failure) : 'internal';
    this.metrics.sendFailures.inc({ kind, reason });
  }

  ended(kind: MessageKind, as: EndedAs): void {
    switch (as) {
      case 'expired':
        this.metrics.emailsExpired.inc({ kind });
        return;
      case 'suppressed':
        this.metrics.emailsSuppressed.inc({ kind });
        return;
      case 'bounced':
        this.metrics.emailsBounced.inc({ kind, source: 'smtp' });
        return;
    }
  }

  rescheduled(kind: MessageKind): void {
    this.metrics.reschedules.inc({ kind });
  }
}
