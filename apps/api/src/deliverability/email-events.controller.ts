import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { EmailEventsService, type IncomingEvents } from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { Accepts } from '@retrowalk/http';
import { ApiErrors } from '../common/api-errors';
import { EMAIL_EVENTS_CONTENT_TYPES, type RawBodyRequest } from './email-events-body';

export class EmailEventsResultDto {
  @ApiProperty({ description: 'Events in the request' }) received!: number;
  @ApiProperty({ description: 'Events that changed something (recorded; perhaps suppressed an address)' })
  applied!: number;
  @ApiProperty({ description: 'Unknown message, another recipient, or seen before (a replay)' })
  ignored!: number;
  @ApiPropertyOptional({ description: 'For an SNS subscription confirmation: whether SNS took it' })
  subscriptionConfirmed?: boolean;
}

/**
 * Where mail providers and MTAs report bounces, complaints and deliveries. Not behind an API key:
 * each request is authenticated the way its sender signs (see docs/deliverability.md), and one
 * that is not is refused before its body is read for anything else.
 */
@ApiTags('email events')
@Controller('v1/email-events')
export class EmailEventsController {
  constructor(private readonly events: EmailEventsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delivery events from the mail provider (generic, Amazon SES via SNS, Postmark, SendGrid)',
    description:
      'Generic: `{ "type": "bounce" | "complaint" | "delivered", "bounceType": "hard" | "soft", "email", ' +
      '"messageId", "occurredAt" }` (or an array), signed with `X-Retrowalk-Signature: sha256=<hex HMAC-SHA256 ' +
      'of the raw body>` using EMAIL_EVENTS_SECRET. SES: an SNS HTTPS subscription (signature checked against ' +
      'the SNS certificate; topics in SES_SNS_TOPIC_ARNS; subscriptions confirmed). Postmark: HTTP Basic ' +
      'credentials in the webhook URL. SendGrid: the signed event webhook. A replayed event, an unknown ' +
      'message id or an event for another recipient changes nothing.',
  })
  @Accepts(...EMAIL_EVENTS_CONTENT_TYPES.events)
  @ApiHeader({
    name: 'X-Retrowalk-Signature',
    required: false,
    description: 'sha256=<hex HMAC of the raw body>',
  })
  @ApiBody({ schema: { type: 'object' } })
  @ApiOkResponse({ type: EmailEventsResultDto })
  @ApiErrors(
    { status: 400, description: 'Malformed body or unknown type (the field is named)' },
    { status: 401, description: 'Unsigned, wrongly signed, or a replay of an old signed request' },
    415,
    { status: 429, description: 'Past RATE_LIMIT_PAGES_PER_MINUTE from one address; see Retry-After' },
    500,
  )
  async receive(@Req() request: RawBodyRequest) {
    return this.events.receive(incoming(request));
  }

  @Post('dsn')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A raw RFC 3464 delivery status notification piped by your own MTA',
    description:
      'The bounce email as received (message/rfc822), or its multipart/report body with the boundary in the ' +
      'Content-Type. Signed like the generic format. Matched by the VERP return path bounces+<message id>@' +
      'BOUNCE_DOMAIN, else by the returned Message-ID.',
  })
  @Accepts(...EMAIL_EVENTS_CONTENT_TYPES.dsn)
  @ApiHeader({
    name: 'X-Retrowalk-Signature',
    required: true,
    description: 'sha256=<hex HMAC of the raw body>',
  })
  @ApiBody({ schema: { type: 'string' } })
  @ApiOkResponse({ type: EmailEventsResultDto })
  @ApiErrors(
    { status: 400, description: 'Not a delivery status notification (the part is named)' },
    { status: 401, description: 'Unsigned or wrongly signed' },
    415,
    { status: 429, description: 'Past RATE_LIMIT_PAGES_PER_MINUTE from one address; see Retry-After' },
    500,
  )
  async receiveDsn(@Req() request: RawBodyRequest) {
    return this.events.receiveDsn(incoming(request));
  }
}

function incoming(request: RawBodyRequest): IncomingEvents {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
    throw new DomainError('validation_failed', 'The body is empty.', [
      { field: 'body', message: 'is required' },
    ]);
  }
  return { headers: request.headers, rawBody: request.body, contentType: request.sentContentType ?? '' };
}
