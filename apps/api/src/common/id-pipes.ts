import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';

/** An id in a path. One that is not even a UUID is reported like any unknown id: nothing to find. */
export function idPipe(notFoundMessage: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: '4',
    exceptionFactory: () => new DomainError('not_found', notFoundMessage),
  });
}

export const EnrollmentIdPipe = idPipe('No enrolment with this id.');
export const ApiKeyIdPipe = idPipe('No API key with this id.');
export const ImportIdPipe = idPipe('No import with this id.');
export const MemberIdPipe = idPipe('No member with this id.');
export const AttentionIdPipe = idPipe('No attention item with this id.');
