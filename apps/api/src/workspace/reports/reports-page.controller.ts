import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { Clock, LinkService } from '@retrowalk/application';
import { addDays, COHORT_GROUPINGS, localParts, parseCohortQuery } from '@retrowalk/domain';
import { html, type Html } from '@retrowalk/web';
import { type FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from '../../auth/api-key.guard';
import { WorkspaceHtml, WorkspacePages } from '../auth/workspace-page.decorator';
import { WorkspaceView } from '../views/workspace-view';

const GROUP_WORDS: Record<string, string> = { week: 'Week', audience: 'Group', level: 'Level' };

function reportForm(from: string, to: string): Html {
  return html`<h1>Cohort reports</h1>
    <p class="lead">
      How the programme goes for the whole group: enrolled, active, adherence, levels, safety stops. Never one
      person: any figure about fewer than five people is hidden.
    </p>
    <form method="get" action="/coach/reports/open" class="card stack">
      <div class="filters">
        <div>
          <label for="from">From</label
          ><input
            id="from"
            name="from"
            type="text"
            inputmode="numeric"
            pattern="\\d{4}-\\d{2}-\\d{2}"
            value="${from}"
            required
          />
        </div>
        <div>
          <label for="to">To</label
          ><input
            id="to"
            name="to"
            type="text"
            inputmode="numeric"
            pattern="\\d{4}-\\d{2}-\\d{2}"
            value="${to}"
            required
          />
        </div>
        <div>
          <label for="groupBy">Group by</label
          ><select id="groupBy" name="groupBy">
            ${COHORT_GROUPINGS.map((g) => html`<option value="${g}">${GROUP_WORDS[g] ?? g}</option>`)}
          </select>
        </div>
      </div>
      <p class="hint">
        Dates as YYYY-MM-DD. The report opens as its own page, with a link that works for an hour (you can
        forward it).
      </p>
      <button type="submit" class="button">Open the report</button>
    </form>`;
}

/** The cohort report, for every role; the only pages a wellness manager sees. */
@WorkspacePages('coach', 'wellness_manager')
@Controller('coach/reports')
export class ReportsPageController {
  constructor(
    private readonly links: LinkService,
    private readonly view: WorkspaceView,
    private readonly clock: Clock,
  ) {}

  @Get()
  @WorkspaceHtml()
  async show(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const today = localParts(this.clock.now(), 'UTC').date;
    return this.view.render(
      { request, reply },
      { title: 'Cohort reports', section: 'reports', body: reportForm(addDays(today, -83), today) },
    );
  }

  /** The signed report page (the same one the API links to), for this organisation only. */
  @Get('open')
  open(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() params: Record<string, string | undefined>,
  ): void {
    const parsed = parseCohortQuery({ from: params.from, to: params.to, groupBy: params.groupBy });
    const { url } = this.links.reportLink({ organizationId: request.member!.organizationId, ...parsed });
    void reply.status(303).header('location', url).header('cache-control', 'no-store');
  }
}
