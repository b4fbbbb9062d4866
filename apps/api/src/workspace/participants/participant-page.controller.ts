import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ClearanceService,
  Clock,
  COACH_NOTE_MAX_LENGTH,
  CoachNoteService,
  EnrollmentService,
  OutcomeSummaryService,
  ParticipantStoryService,
  SuppressionService,
} from '@retrowalk/application';
import { Accepts, FORM_BODY } from '@retrowalk/http';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { EnrollmentIdPipe } from '../../common/id-pipes';
import { WorkspaceHtml, WorkspacePages } from '../auth/workspace-page.decorator';
import { flashFor, formText } from '../views/form-input';
import { WorkspaceView } from '../views/workspace-view';
import { type ParticipantPageModel, participantPage } from './participant-views';

type Form = Record<string, unknown> | undefined;

/**
 * One participant at a stable address (their enrolment id), and what a coach does there: clear
 * them to resume (with a note saying who cleared them and when), pause, resume, write a note.
 * Each action goes back to the page, which says what was done.
 */
@WorkspacePages('coach')
@Controller('coach/participants/:id')
export class ParticipantPageController {
  constructor(
    private readonly stories: ParticipantStoryService,
    private readonly clearances: ClearanceService,
    private readonly enrollments: EnrollmentService,
    private readonly notes: CoachNoteService,
    private readonly outcomeSummary: OutcomeSummaryService,
    private readonly suppressions: SuppressionService,
    private readonly view: WorkspaceView,
    private readonly clock: Clock,
  ) {}

  @Get()
  @WorkspaceHtml()
  async show(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', EnrollmentIdPipe) id: string,
    @Query('done') done: unknown,
  ): Promise<string> {
    return this.page(request, reply, id, {}, flashFor(done));
  }

  @Post('clear')
  @Accepts(...FORM_BODY)
  @WorkspaceHtml()
  async clear(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', EnrollmentIdPipe) id: string,
    @Body() body: Form,
  ): Promise<string | undefined> {
    const member = request.member!;
    const note = formText(body?.note, 2000);
    if (!note) {
      void reply.status(400);
      return this.page(request, reply, id, {
        clearNote: 'Say who cleared them and when: it is kept in their record.',
      });
    }
    await this.clearances.clear(
      { organizationId: member.organizationId, enrollmentId: id },
      { kind: 'member', memberId: member.memberId },
      note,
    );
    return this.back(reply, id, 'cleared');
  }

  @Post('pause')
  @Accepts(...FORM_BODY)
  async pause(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', EnrollmentIdPipe) id: string,
  ): Promise<undefined> {
    await this.enrollments.pause(request.member!.organizationId, id);
    return this.back(reply, id, 'paused');
  }

  @Post('resume')
  @Accepts(...FORM_BODY)
  async resume(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', EnrollmentIdPipe) id: string,
  ): Promise<undefined> {
    await this.enrollments.resume(request.member!.organizationId, id);
    return this.back(reply, id, 'resumed');
  }

  @Post('notes')
  @Accepts(...FORM_BODY)
  @WorkspaceHtml()
  async note(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', EnrollmentIdPipe) id: string,
    @Body() body: Form,
  ): Promise<string | undefined> {
    const member = request.member!;
    const text = formText(body?.text, COACH_NOTE_MAX_LENGTH);
    if (!text) {
      void reply.status(400);
      return this.page(request, reply, id, { noteText: 'Write the note first.' });
    }
    await this.notes.add(member.organizationId, id, { kind: 'member', memberId: member.memberId }, text);
    return this.back(reply, id, 'noted');
  }

  private async page(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    errors: ParticipantPageModel['errors'],
    flash: ReturnType<typeof flashFor> = null,
  ): Promise<string> {
    const organizationId = request.member!.organizationId;
    // One after the other: inside a request both share the organisation's one connection.
    const story = await this.stories.story(organizationId, id);
    const outcomes = await this.outcomeSummary.forCoach(organizationId, id);
    const email = story.enrollment.email;
    const deliverability =
      (await this.suppressions.deliverabilityOf(organizationId, [email])).get(email) ?? null;
    const context = { request, reply };
    return this.view.render(context, {
      title: story.enrollment.firstName || 'Participant',
      section: 'participants',
      flash,
      body: participantPage({
        story,
        outcomes,
        deliverability,
        now: this.clock.now(),
        csrfToken: this.view.csrf(context),
        errors,
      }),
    });
  }

  private back(reply: FastifyReply, id: string, done: string): undefined {
    void reply.status(303).header('location', `/coach/participants/${id}?done=${done}`);
    return undefined;
  }
}
