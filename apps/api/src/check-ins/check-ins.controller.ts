import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedCaller,
  CheckInService,
  ClearanceService,
  EnrollmentService,
  TimelineService,
} from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { type FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrors } from '../common/api-errors';
import { EnrollmentIdPipe } from '../common/id-pipes';
import { Caller } from '../auth/caller.decorator';
import { EnrollmentResponseDto } from '../enrollments/enrollment.dto';
import { CreateCheckInDto } from './check-in.dto';
import { CheckInListDto, CheckInOutcomeDto, TimelineDto } from './check-in-response.dto';
import { ClearanceDto } from './clearance.dto';

function idempotencyKey(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw new DomainError('validation_failed', 'The Idempotency-Key header is not valid.', [
      { field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  return raw;
}

@ApiTags('check-ins')
@Authenticated('coach')
@Controller('v1/enrollments/:id')
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly enrollments: EnrollmentService,
    private readonly timeline: TimelineService,
    private readonly clearances: ClearanceService,
  ) {}

  @Post('check-ins')
  @ApiOperation({
    summary: 'Record a walk; answers with the decision (carry_on, progress, hold, step_back, stop)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first answer',
  })
  @ApiResponse({ status: 201, type: CheckInOutcomeDto, description: 'Recorded and decided' })
  @ApiResponse({
    status: 200,
    type: CheckInOutcomeDto,
    description: 'A retry with an Idempotency-Key already used: the first answer',
  })
  @ApiErrors(400, 404, { status: 409, description: 'The enrolment is not active' })
  async create(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
    @Body() body: CreateCheckInDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { outcome, created } = await this.checkIns.record(
      { organizationId: caller.organizationId, enrollmentId: id },
      body.toReport(),
      idempotencyKey(key),
    );
    void reply.status(created ? 201 : 200);
    return outcome;
  }

  @Get('check-ins')
  @ApiOperation({ summary: 'Check-ins of one enrolment, oldest first' })
  @ApiResponse({ status: 200, type: CheckInListDto })
  @ApiErrors(404)
  async list(@Caller() caller: AuthenticatedCaller, @Param('id', EnrollmentIdPipe) id: string) {
    return { items: await this.timeline.checkIns(caller.organizationId, id) };
  }

  @Get('timeline')
  @ApiOperation({
    summary:
      'Check-ins, decisions (rule, inputs, outcome, who), messages, notes and attention items, in order',
  })
  @ApiResponse({ status: 200, type: TimelineDto })
  @ApiErrors(404)
  async events(@Caller() caller: AuthenticatedCaller, @Param('id', EnrollmentIdPipe) id: string) {
    return { items: await this.timeline.events(caller.organizationId, id) };
  }

  @Post('clearance')
  @ApiOperation({
    summary: 'A professional has cleared the participant: resume, below the level of the stop',
    description:
      'Recorded in the decision audit and the timeline with the API key that cleared them and the ' +
      'note, if sent (who cleared them and when). Closes the safety_stop and clearance_requested items.',
  })
  @ApiResponse({ status: 201, type: EnrollmentResponseDto })
  @ApiErrors(400, 404, { status: 409, description: 'The enrolment is not waiting for clearance' })
  async clear(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
    @Body() body: ClearanceDto | undefined,
  ) {
    await this.clearances.clear(
      { organizationId: caller.organizationId, enrollmentId: id },
      { kind: 'api_key', apiKeyId: caller.apiKeyId },
      body?.note?.trim() || null,
    );
    return EnrollmentResponseDto.from(await this.enrollments.get(caller.organizationId, id));
  }
}
