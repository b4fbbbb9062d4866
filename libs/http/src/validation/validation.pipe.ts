import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '@retrowalk/domain';
import { plainDataProblem } from './plain-data';

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

function invalid(details: FieldProblem[]): DomainError {
  const fields = [...new Set(details.map((d) => d.field))].join(', ');
  return new DomainError('validation_failed', `Please check these fields: ${fields}.`, details);
}

const NOT_A_DTO: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * The class-validator pipe, behind a look at the raw value first (plainDataProblem): a stream,
 * a body nested thousands deep or a string Postgres cannot store never reaches class-transformer.
 */
class PlainDataValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const found = plainDataProblem(value);
      if (found?.kind === 'not_plain') {
        throw new DomainError('unsupported_media_type', 'The request body could not be read as data.');
      }
      if (found) throw invalid([found.problem]);
      const isDto = typeof metadata.metatype === 'function' && !NOT_A_DTO.includes(metadata.metatype);
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      if (metadata.type === 'body' && isDto && !isObject) {
        throw invalid([{ field: 'body', message: 'must be a JSON object' }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Validates bodies against their DTO: unknown fields are refused, each problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new PlainDataValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => invalid(problems(errors)),
  });
}
