import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedCaller,
  type OutcomeChecksView,
  OutcomeSummaryService,
} from '@retrowalk/application';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { EnrollmentIdPipe } from '../common/id-pipes';

/**
 * One participant's outcome checks side by side, for their coach: what the coach's participant
 * page shows. A wellness manager sees outcomes only as cohort figures, never one person's.
 */
@ApiTags('outcomes')
@Authenticated('coach')
@Controller('v1/enrollments')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomeSummaryService) {}

  @Get(':id/outcomes')
  @ApiOperation({
    summary: 'The three outcome checks (start, end of the dose, follow-up) of one participant',
    description:
      'For each check: when it opens and closes, when it was asked and answered, average knee pain over ' +
      'the last 7 days (0-10), each named activity scored 0-10 (PSFS) and their mean, the global rating ' +
      'of change, and against a baseline answered in the first week the changes and responder flags ' +
      '(pain: a fall of 2 points or 30 %; function: the mean PSFS up 2 points). `attention` lists the ' +
      'answers that need a coach: pain 7 or more, or "much worse".',
  })
  @ApiOkResponse({
    description: 'The checks in order: baseline, dose_end, follow_up',
    schema: {
      type: 'object',
      properties: {
        enrollmentId: { type: 'string' },
        activities: { type: 'array', items: { type: 'string' } },
        checks: { type: 'array', items: { type: 'object' } },
      },
    },
  })
  @ApiErrors({ status: 404, description: 'No such enrolment in your organisation, or it was erased' })
  get(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
  ): Promise<OutcomeChecksView> {
    return this.outcomes.forCoach(caller.organizationId, id);
  }
}
