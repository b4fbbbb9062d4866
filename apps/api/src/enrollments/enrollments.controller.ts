import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AddressChangeService,
  type AuthenticatedCaller,
  EnrollmentListService,
  EnrollmentService,
  type EnrollmentView,
  SuppressionService,
} from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { Authenticated, Roles } from '../auth/authenticated.decorator';
import { EnrollmentIdPipe } from '../common/id-pipes';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import {
  CreateEnrollmentDto,
  EnrollmentReceiptDto,
  EnrollmentResponseDto,
  UpdateEnrollmentDto,
} from './enrollment.dto';
import {
  EnrollmentListDto,
  EnrollmentListQueryDto,
  EnrollmentSummaryDto,
  SORTS,
} from './enrollment-list.dto';

@ApiTags('enrollments')
@Authenticated('coach')
@Controller('v1/enrollments')
export class EnrollmentsController {
  constructor(
    private readonly enrollments: EnrollmentService,
    private readonly lists: EnrollmentListService,
    private readonly addressChanges: AddressChangeService,
    private readonly suppressions: SuppressionService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find participants: search, filter and page through your enrolments',
    description:
      'Cursor-paged: pass the nextCursor of one page as cursor for the next, with the same ' +
      'filters; a cursor of another list or a malformed one is a 400 naming cursor.',
  })
  @ApiOkResponse({ type: EnrollmentListDto })
  @ApiErrors(400)
  async list(
    @Caller() caller: AuthenticatedCaller,
    @Query() query: EnrollmentListQueryDto,
  ): Promise<EnrollmentListDto> {
    const search = query.q?.trim();
    const page = await this.lists.page(
      caller.organizationId,
      {
        ...(search ? { search } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.level !== undefined ? { level: query.level } : {}),
        ...(query.audience ? { audience: query.audience } : {}),
      },
      SORTS[query.sort ?? 'created'] ?? 'created',
      query.cursor ?? null,
      query.limit ?? 50,
    );
    // One lookup on the suppression list for the whole page.
    const emails = page.entries.map((e) => e.enrollment.email);
    const deliverability = await this.suppressions.deliverabilityOf(caller.organizationId, emails);
    return {
      data: page.entries.map((e) => EnrollmentSummaryDto.from(e, deliverability.get(e.enrollment.email))),
      nextCursor: page.nextCursor,
    };
  }

  /** The response, with whether mail to the address is sent (one lookup on the suppression list). */
  private async respond(caller: AuthenticatedCaller, view: EnrollmentView): Promise<EnrollmentResponseDto> {
    const email = view.enrollment.email;
    const deliverability = await this.suppressions.deliverabilityOf(caller.organizationId, [email]);
    return EnrollmentResponseDto.from(view, deliverability.get(email));
  }

  @Post()
  @Roles('coach', 'wellness_manager')
  @ApiOperation({
    summary: 'Enrol a participant; a confirmation email goes out at once',
    description: 'A wellness manager key gets a receipt only (id, email, name, externalId, createdAt).',
  })
  @ApiResponse({ status: 201, type: EnrollmentResponseDto })
  @ApiErrors(400, {
    status: 409,
    description: 'This email (or externalId) is already enrolled in the organisation',
  })
  async create(@Caller() caller: AuthenticatedCaller, @Body() body: CreateEnrollmentDto) {
    const view = await this.enrollments.enroll(caller.organizationId, {
      email: body.email.trim(),
      firstName: body.firstName.trim(),
      ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
      ...(body.reminder !== undefined ? { reminder: { ...body.reminder } } : {}),
      audience: body.audience,
      screening: { ...body.screening },
      externalId: body.externalId ?? null,
    });
    return caller.role === 'wellness_manager' ? EnrollmentReceiptDto.from(view) : this.respond(caller, view);
  }

  @Get(':id')
  @ApiResponse({ status: 200, type: EnrollmentResponseDto })
  @ApiErrors(404)
  async get(@Caller() caller: AuthenticatedCaller, @Param('id', EnrollmentIdPipe) id: string) {
    return this.respond(caller, await this.enrollments.get(caller.organizationId, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change reminder days/time, timezone or email; the next reminder moves at once',
    description: 'A new email is asked to confirm (see the email field); 409 if another enrolment has it.',
  })
  @ApiResponse({ status: 200, type: EnrollmentResponseDto })
  @ApiErrors(400, 404)
  async update(
    @Caller() caller: AuthenticatedCaller,
    @Param('id', EnrollmentIdPipe) id: string,
    @Body() body: UpdateEnrollmentDto,
  ) {
    if (body.reminder === undefined && body.timezone === undefined && body.email === undefined) {
      throw new DomainError('validation_failed', 'Send reminder, timezone, email or several.', [
        { field: 'reminder', message: 'or timezone or email is required' },
      ]);
    }
    // One transaction (the organisation scope): the address and the schedule change together.
    if (body.email !== undefined)
      await this.addressChanges.change(caller.organizationId, id, body.email.trim());
    if (body.reminder === undefined && body.timezone === undefined) {
      return this.respond(caller, await this.enrollments.get(caller.organizationId, id));
    }
    const view = await this.enrollments.update(caller.organizationId, id, {
      ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
      ...(body.reminder !== undefined
        ? { reminder: { days: body.reminder.days, time: body.reminder.time } }
        : {}),
    });
    return this.respond(caller, view);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause reminders (pending ones are cancelled)' })
  @ApiResponse({ status: 200, type: EnrollmentResponseDto })
  @ApiErrors(404, { status: 409, description: 'Only an active enrolment can be paused' })
  async pause(@Caller() caller: AuthenticatedCaller, @Param('id', EnrollmentIdPipe) id: string) {
    return this.respond(caller, await this.enrollments.pause(caller.organizationId, id));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused enrolment; the next reminder is scheduled' })
  @ApiResponse({ status: 200, type: EnrollmentResponseDto })
  @ApiErrors(404, { status: 409, description: 'Only a paused enrolment can be resumed' })
  async resume(@Caller() caller: AuthenticatedCaller, @Param('id', EnrollmentIdPipe) id: string) {
    return this.respond(caller, await this.enrollments.resume(caller.organizationId, id));
  }
}
