import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LinkService, OutcomeCheckService, type OutcomeLinkPurpose } from '@retrowalk/application';
import {
  DomainError,
  GLOBAL_CHANGE_ANSWERS,
  GLOBAL_CHANGE_LABELS,
  type OutcomeTimepoint,
  type RawOutcomeAnswer,
} from '@retrowalk/domain';
import { Accepts, FORM_BODY, renderOutcomeCheckPage, renderResultPage } from '@retrowalk/http';
import { lastDayOpen, outcomeResultCopy } from './outcome-result-copy';

type FormBody = Record<string, string | string[] | undefined>;

const TIMEPOINT_OF: Readonly<Record<OutcomeLinkPurpose, OutcomeTimepoint>> = {
  'outcome-baseline': 'baseline',
  'outcome-dose-end': 'dose_end',
  'outcome-follow-up': 'follow_up',
};

function field(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The form's fields as the domain reads them: it checks every value. */
function answerFrom(body: FormBody): RawOutcomeAnswer {
  const indexes = [0, 1, 2];
  return {
    pain: field(body, 'pain') ?? '',
    activities: indexes.map((i) => ({
      name: field(body, `activity${i}`) ?? '',
      score: field(body, `score${i}`) ?? '',
    })),
    scores: indexes.map((i) => field(body, `score${i}`) ?? ''),
    globalChange: field(body, 'globalChange'),
  };
}

const PLAIN_FIELD_NAMES: Record<string, string> = {
  pain: 'how much your knee has hurt over the last 7 days',
  globalChange: 'how your knee is now compared with before',
};

function plainField(field: string): string {
  if (PLAIN_FIELD_NAMES[field]) return PLAIN_FIELD_NAMES[field];
  const activity = /^(?:activities|scores)\[(\d)\](?:\.(name|score))?$/.exec(field);
  if (!activity) return field;
  const n = Number(activity[1]) + 1;
  return activity[2] === 'name'
    ? `the name of activity ${n} (up to 60 letters, once each)`
    : `a score for activity ${n}`;
}

/**
 * The questionnaire behind an outcome check's email: GET shows the form (or why it cannot be
 * answered now), POST records the answer and shows the person how their knee changed. Each check
 * has its own link purpose, so the signature says which check a link is for.
 */
@ApiExcludeController()
@Controller('p')
export class OutcomeCheckPageController {
  constructor(
    private readonly links: LinkService,
    private readonly outcomes: OutcomeCheckService,
  ) {}

  @Get('outcome-baseline/:token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  showBaseline(@Param('token') token: string): Promise<string> {
    return this.show('outcome-baseline', token);
  }

  @Get('outcome-dose-end/:token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  showDoseEnd(@Param('token') token: string): Promise<string> {
    return this.show('outcome-dose-end', token);
  }

  @Get('outcome-follow-up/:token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('x-robots-tag', 'noindex')
  showFollowUp(@Param('token') token: string): Promise<string> {
    return this.show('outcome-follow-up', token);
  }

  @Post('outcome-baseline/:token')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  answerBaseline(@Param('token') token: string, @Body() body: FormBody | undefined): Promise<string> {
    return this.submit('outcome-baseline', token, body ?? {});
  }

  @Post('outcome-dose-end/:token')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  answerDoseEnd(@Param('token') token: string, @Body() body: FormBody | undefined): Promise<string> {
    return this.submit('outcome-dose-end', token, body ?? {});
  }

  @Post('outcome-follow-up/:token')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  answerFollowUp(@Param('token') token: string, @Body() body: FormBody | undefined): Promise<string> {
    return this.submit('outcome-follow-up', token, body ?? {});
  }

  private async show(purpose: OutcomeLinkPurpose, token: string): Promise<string> {
    const page = await this.outcomes.page(this.links.verify(purpose, token), TIMEPOINT_OF[purpose]);
    if (page.state !== 'open') return renderResultPage(outcomeResultCopy(page, false));
    return renderOutcomeCheckPage({
      organizationName: page.organizationName,
      firstName: page.firstName,
      timepoint: page.timepoint,
      week: page.week,
      knownActivities: page.knownActivities,
      globalChangeOptions: GLOBAL_CHANGE_ANSWERS.map(
        (value) => [value, GLOBAL_CHANGE_LABELS[value]] as const,
      ),
      // The form posts the very token it came with: showing the page must not extend its life.
      formAction: `/p/${purpose}/${token}`,
      openUntil: lastDayOpen(page),
    });
  }

  private async submit(purpose: OutcomeLinkPurpose, token: string, body: FormBody): Promise<string> {
    const enrollmentId = this.links.verify(purpose, token);
    try {
      const { recorded, page } = await this.outcomes.answer(
        enrollmentId,
        TIMEPOINT_OF[purpose],
        answerFrom(body),
      );
      return renderResultPage(outcomeResultCopy(page, recorded));
    } catch (error) {
      if (
        error instanceof DomainError &&
        error.code === 'validation_failed' &&
        Array.isArray(error.details)
      ) {
        const page = await this.outcomes.page(enrollmentId, TIMEPOINT_OF[purpose]);
        const missing = [...new Set(error.details.map((d) => plainField(d.field)))];
        return renderResultPage({
          organizationName: page.organizationName,
          tone: 'warning',
          title: 'Almost there',
          heading: 'Almost there',
          message: [`Please go back and tell us ${missing.join(', and ')}.`, 'Nothing has been saved yet.'],
        });
      }
      throw error;
    }
  }
}
