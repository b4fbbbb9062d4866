import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@retrowalk/config';
import {
  type DeliveryReport,
  DomainError,
  type FieldProblem,
  isFreshTimestamp,
  parseDeliveryStatusNotification,
  parseGenericEvents,
  parsePostmarkEvent,
  type ParseResult,
  parseSendGridEvents,
  parseSesNotification,
  parseSnsEnvelope,
  SIGNED_REQUEST_TOLERANCE_MS,
  verifyBasicAuth,
  verifyRetrowalkSignature,
  verifySendGridSignature,
  verifySnsSignature,
} from '@retrowalk/domain';
import { SnsRepository } from '@retrowalk/mail';
import { DeliveryEventRepository, type DeliveryEventOrigin, UnitOfWork } from '@retrowalk/persistence';
import { Metrics } from '@retrowalk/observability';
import { Clock } from '../clock/clock';
import { DeliverabilityService } from './deliverability.service';

export interface IncomingEvents {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  contentType: string;
}

export interface EventsOutcome {
  received: number;
  /** Events that changed something (recorded; perhaps suppressed an address). */
  applied: number;
  /** Unknown message, another recipient, or seen before (a replay): nothing changed. */
  ignored: number;
  /** For an SNS subscription confirmation: whether SNS took it. */
  subscriptionConfirmed?: boolean;
}

/** SNS keeps retrying a notification for a while; one older than this is a replay. */
const SNS_MAX_AGE_MS = 3_600_000;

/**
 * Delivery events from mail providers and MTAs: each format authenticated the way its sender signs
 * (401 otherwise), parsed (400 naming the field), then applied to the message it names, in that
 * message's organisation only and only for the address it was sent to. A replay, an unknown
 * message or another recipient's event changes nothing and is not an error.
 */
@Injectable()
export class EmailEventsService {
  private readonly logger = new Logger(EmailEventsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly events: DeliveryEventRepository,
    private readonly deliverability: DeliverabilityService,
    private readonly sns: SnsRepository,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async receive(input: IncomingEvents): Promise<EventsOutcome> {
    const header = (name: string) => single(input.headers[name]);
    if (header('x-amz-sns-message-type') !== undefined) return this.fromSns(input);
    if (header('x-twilio-email-event-webhook-signature') !== undefined) {
      const key = this.config.deliverability.events.sendGridPublicKey;
      const timestamp = header('x-twilio-email-event-webhook-timestamp');
      const signature = header('x-twilio-email-event-webhook-signature');
      if (!key || !verifySendGridSignature(key, timestamp, input.rawBody, signature))
        throw unsigned('SendGrid');
      if (!isFreshTimestamp(timestamp, this.clock.now(), SIGNED_REQUEST_TOLERANCE_MS)) throw replayed();
      return this.apply('sendgrid', parseSendGridEvents(json(input.rawBody)), input.rawBody);
    }
    if (header('x-retrowalk-signature') !== undefined) {
      this.checkRetrowalkSignature(input, header('x-retrowalk-signature'));
      return this.apply('generic', parseGenericEvents(json(input.rawBody)), input.rawBody);
    }
    if (/^Basic\s/i.test(header('authorization') ?? '')) {
      const postmark = this.config.deliverability.events.postmark;
      if (!postmark || !verifyBasicAuth(header('authorization'), postmark.user, postmark.password)) {
        throw unsigned('Postmark');
      }
      return this.apply('postmark', parsePostmarkEvent(json(input.rawBody)), input.rawBody);
    }
    throw new DomainError(
      'unauthorized',
      'Sign the request: X-Retrowalk-Signature (generic), SNS (Amazon SES), Basic auth (Postmark) or SendGrid signed webhooks.',
    );
  }

  /** A raw RFC 3464 DSN, piped by the operator's own MTA and signed like the generic format. */
  async receiveDsn(input: IncomingEvents): Promise<EventsOutcome> {
    this.checkRetrowalkSignature(input, single(input.headers['x-retrowalk-signature']));
    const raw = input.rawBody.toString('utf8');
    return this.apply(
      'dsn',
      parseDeliveryStatusNotification(raw, input.contentType, this.clock.now()),
      input.rawBody,
    );
  }

  private checkRetrowalkSignature(input: IncomingEvents, signature: string | undefined): void {
    const secret = this.config.deliverability.events.secret;
    if (!secret || !verifyRetrowalkSignature(secret, input.rawBody, signature))
      throw unsigned('X-Retrowalk-Signature');
  }

  private async fromSns(input: IncomingEvents): Promise<EventsOutcome> {
    const envelope = parseSnsEnvelope(json(input.rawBody));
    if (!envelope.ok) throw malformed(envelope.problems);
    const sns = envelope.value;
    const topics = this.config.deliverability.events.sesTopicArns;
    const certificate = topics.includes(sns.topicArn) ? await this.sns.certificate(sns.signingCertUrl) : null;
    if (!certificate || !verifySnsSignature(sns, certificate)) throw unsigned('SNS');
    if (!isFreshTimestamp(sns.timestamp, this.clock.now(), SNS_MAX_AGE_MS)) throw replayed();
    switch (sns.type) {
      case 'SubscriptionConfirmation': {
        const confirmed = await this.sns.confirmSubscription(sns.subscribeUrl ?? '');
        if (!confirmed)
          this.logger.warn(
            `SNS subscription to ${sns.topicArn} not confirmed; confirm it in the AWS console.`,
          );
        return { received: 0, applied: 0, ignored: 0, subscriptionConfirmed: confirmed };
      }
      case 'UnsubscribeConfirmation':
        return { received: 0, applied: 0, ignored: 0 };
      case 'Notification':
        return this.apply('ses', parseSesNotification(sns.message, sns.messageId), input.rawBody);
    }
  }

  private async apply(
    source: DeliveryEventOrigin,
    result: ParseResult<DeliveryReport[]>,
    rawBody: Buffer,
  ): Promise<EventsOutcome> {
    if (!result.ok) throw malformed(result.problems);
    const bodyHash = createHash('sha256').update(rawBody).digest('hex');
    const outcome: EventsOutcome = { received: result.value.length, applied: 0, ignored: 0 };
    for (const [index, report] of result.value.entries()) {
      const dedupeKey = `${source}:${report.eventId ?? `${bodyHash}#${index}`}`;
      if (await this.applyOne(source, report, dedupeKey)) outcome.applied++;
      else outcome.ignored++;
    }
    return outcome;
  }

  private async applyOne(
    source: DeliveryEventOrigin,
    report: DeliveryReport,
    dedupeKey: string,
  ): Promise<boolean> {
    const target = await this.events.findTarget(report);
    if (!target?.recipient) return false;
    const email = target.recipient.toLowerCase();
    // An event about someone else than the message's recipient is not this message's.
    if (report.email !== null && report.email !== email) return false;
    const now = this.clock.now();
    const message = {
      id: target.id,
      kind: target.kind,
      organizationId: target.organizationId,
      enrollmentId: target.enrollmentId,
      checkInId: target.checkInId,
    };
    let bounced = false;
    // Inside the message's own organisation (row-level security): nothing of another can change.
    const fresh = await this.uow.asOrganization(target.organizationId, () =>
      this.uow.run(async (tx) => {
        if (report.type === 'delivered' || report.type === 'deferred') {
          return this.deliverability.recordReport(
            tx,
            message,
            {
              email,
              type: report.type,
              source,
              dedupeKey,
              detail: report.detail,
              occurredAt: report.occurredAt,
            },
            now,
          );
        }
        const fresh = await this.deliverability.recordProblem(
          tx,
          message,
          {
            email,
            type: report.type,
            bounceType: report.bounceType,
            source,
            dedupeKey,
            detail: report.detail,
            occurredAt: report.occurredAt,
          },
          now,
        );
        if (fresh && report.type === 'bounce')
          bounced = await this.events.markBouncedAfterSent(tx, target.id, report.detail);
        return fresh;
      }),
    );
    // Counted once committed: the row really went from sent to bounced.
    if (bounced) this.metrics.emailsBounced.inc({ kind: target.kind, source: 'event' });
    return fresh;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function json(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformed([{ field: 'body', message: 'must be valid JSON' }]);
  }
}

function malformed(problems: FieldProblem[]): DomainError {
  return new DomainError(
    'validation_failed',
    `${problems[0]?.field ?? 'body'} ${problems[0]?.message ?? 'is not valid'}`,
    problems,
  );
}

function unsigned(scheme: string): DomainError {
  return new DomainError(
    'unauthorized',
    `The ${scheme} signature is missing, wrong, or not configured here.`,
  );
}

function replayed(): DomainError {
  return new DomainError(
    'unauthorized',
    'This signed request is too old (or from the future): a replay is refused.',
  );
}
