import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';
import { toErrorResponse } from './api-exception.filter';

describe('toErrorResponse', () => {
  it('maps domain error codes to statuses, keeping code, message and details', () => {
    const result = toErrorResponse(
      new DomainError('email_already_enrolled', 'Already enrolled.', [{ field: 'email', message: 'taken' }]),
    );
    expect(result).toEqual({
      status: 409,
      unexpected: false,
      body: {
        error: {
          code: 'email_already_enrolled',
          message: 'Already enrolled.',
          details: [{ field: 'email', message: 'taken' }],
        },
      },
    });
    expect(toErrorResponse(new DomainError('link_expired', 'x')).status).toBe(410);
    expect(toErrorResponse(new DomainError('not_found', 'x')).status).toBe(404);
  });

  it("keeps Nest's own 4xx in the one shape", () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope')).body.error.code).toBe('not_found');
    expect(toErrorResponse(new BadRequestException()).status).toBe(400);
  });

  it("turns Fastify's body errors into plain words", () => {
    const tooLarge = toErrorResponse(
      Object.assign(new Error('Request body is too large'), { statusCode: 413 }),
    );
    expect(tooLarge.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The request body is too large.',
      details: null,
    });
  });

  it('says "too many requests" for a 429, never that the request could not be read', () => {
    const limited = toErrorResponse(Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 }));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many/),
    });
  });

  it('hides anything unexpected behind a 500 with no internals', () => {
    const result = toErrorResponse(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(result.status).toBe(500);
    expect(result.unexpected).toBe(true);
    expect(JSON.stringify(result.body)).not.toContain('secret');
  });
});

describe('toErrorResponse while a backing service is away', () => {
  it('answers 503 in the one shape, saying nothing was changed, for a database that cannot be reached', () => {
    const result = toErrorResponse(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    expect(result.status).toBe(503);
    expect(result.unexpected).toBe(false);
    expect(result.body.error.code).toBe('service_unavailable');
    expect(JSON.stringify(result.body)).not.toContain('5432');
  });
});
