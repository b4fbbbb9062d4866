import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '@retrowalk/domain';

function problems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => ({
      field,
      message:
        constraint === 'whitelistValidation'
          ? 'is not a known field'
          : // class-validator starts messages with the property name; the field already says it.
            text.startsWith(`${error.property} `)
            ? text.slice(error.property.length + 1)
            : text,
    }));
    return [...own, ...problems(error.children ?? [], field)];
  });
}

/** Validates bodies against their DTO: unknown fields are refused, each problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = problems(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new DomainError('validation_failed', `Please check these fields: ${fields}.`, details);
    },
  });
}
