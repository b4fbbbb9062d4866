import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';

/** An enrolment id in a path. One that is not even a UUID is reported like any unknown id: nothing to find. */
export const EnrollmentIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => new DomainError('not_found', 'No enrolment with this id.'),
});
