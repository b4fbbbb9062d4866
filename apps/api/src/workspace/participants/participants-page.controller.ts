import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { Clock, EnrollmentListService, SuppressionService } from '@retrowalk/application';
import { AUDIENCES, type Audience, DomainError, TOP_LEVEL } from '@retrowalk/domain';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceHtml, WorkspacePages } from '../auth/workspace-page.decorator';
import { WorkspaceView } from '../views/workspace-view';
import {
  LISTED_STATUSES,
  type ParticipantSort,
  participantsPage,
  type ParticipantsFilters,
} from './participants-views';

const PAGE_SIZE = 25;
const SORTS: readonly ParticipantSort[] = ['name', 'last_walk', 'created'];

const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

/** The participants list. Unknown filter values are ignored, a stale cursor starts again. */
@WorkspacePages('coach')
@Controller('coach/participants')
export class ParticipantsPageController {
  constructor(
    private readonly lists: EnrollmentListService,
    private readonly suppressions: SuppressionService,
    private readonly view: WorkspaceView,
    private readonly clock: Clock,
  ) {}

  @Get()
  @WorkspaceHtml()
  async show(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() params: Record<string, unknown>,
  ): Promise<string> {
    const filters: ParticipantsFilters = {
      q: text(params.q, 100),
      status: (LISTED_STATUSES as readonly string[]).includes(text(params.status, 30))
        ? text(params.status, 30)
        : '',
      level:
        /^[1-9]$/.test(text(params.level, 2)) && Number(params.level) <= TOP_LEVEL
          ? text(params.level, 2)
          : '',
      audience: (AUDIENCES as readonly string[]).includes(text(params.audience, 30))
        ? text(params.audience, 30)
        : '',
      sort: (SORTS as readonly string[]).includes(text(params.sort, 20))
        ? (text(params.sort, 20) as ParticipantSort)
        : 'name',
    };
    const cursor = text(params.cursor, 600) || null;
    const query = {
      ...(filters.q ? { search: filters.q } : {}),
      ...(filters.status ? { status: filters.status as (typeof LISTED_STATUSES)[number] } : {}),
      ...(filters.level ? { level: Number(filters.level) } : {}),
      ...(filters.audience ? { audience: filters.audience as Audience } : {}),
    };
    const page = await this.lists
      .page(request.member!.organizationId, query, filters.sort, cursor, PAGE_SIZE)
      .catch((error: unknown) => {
        // A cursor from another search (an old bookmark): show the first page instead.
        if (error instanceof DomainError && error.code === 'validation_failed' && cursor !== null) {
          return this.lists.page(request.member!.organizationId, query, filters.sort, null, PAGE_SIZE);
        }
        throw error;
      });
    // One lookup on the suppression list for the whole page.
    const emails = page.entries.map((e) => e.enrollment.email);
    const deliverability = await this.suppressions.deliverabilityOf(request.member!.organizationId, emails);
    const suppressed = new Set(emails.filter((e) => deliverability.get(e)?.status === 'suppressed'));
    return this.view.render(
      { request, reply },
      {
        title: 'Participants',
        section: 'participants',
        body: participantsPage({
          filters,
          entries: page.entries,
          suppressed,
          nextCursor: page.nextCursor,
          firstPage: cursor === null,
          now: this.clock.now(),
        }),
      },
    );
  }
}
