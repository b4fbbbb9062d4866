import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorDto {
  @ApiProperty({ example: 'validation_failed', description: 'Stable, for programs to act on' })
  code!: string;
  @ApiProperty({ example: 'Please check these fields: email.', description: 'For people' })
  message!: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'For 400s, a list of { field, message }; for some 409s, the state that prevented it',
    example: [{ field: 'email', message: 'must be a valid email address' }],
    oneOf: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, message: { type: 'string' } },
          required: ['field', 'message'],
        },
      },
      { type: 'object', additionalProperties: true },
    ],
  })
  details!: unknown;
}

/** The one error shape every route answers with. */
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDto }) error!: ErrorDto;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'A field or parameter is not valid; error.details names each one',
  401: 'No API key, or a revoked one',
  403: 'Your key’s role may not do this',
  404: 'No such thing in your organisation (another organisation’s id is not found either)',
  409: 'Not possible in the current state; error.details says which',
  410: 'Gone',
  413: 'The request body is too large',
  415: 'The body is not of a type this route reads',
  500: 'Something went wrong on our side; nothing is shown of it',
  504: 'Timed out',
};

/** Documents error answers with the one error shape, each with a sensible default description. */
export function ApiErrors(
  ...statuses: (number | { status: number; description: string })[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((s) =>
      typeof s === 'number'
        ? ApiResponse({ status: s, type: ErrorBodyDto, description: DESCRIPTIONS[s] ?? 'Error' })
        : ApiResponse({ status: s.status, type: ErrorBodyDto, description: s.description }),
    ),
  );
}
