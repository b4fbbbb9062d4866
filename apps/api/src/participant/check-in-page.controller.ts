import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  CheckInDaysService,
  CheckInService,
  Clock,
  EnrollmentService,
  LinkService,
  OrganizationService,
} from '@retrowalk/application';
import {
  type CheckInReport,
  DEFAULT_PROGRAMME_CONFIG,
  describeLevel,
  DomainError,
  getLevel,
  type FiredRule,
  holdWords,
  type PainType,
  PAIN_TYPES,
  SUPPORT_ADVICE_TEXT,
  supportFor,
  walkTimeForDay,
} from '@retrowalk/domain';
import { type EnrollmentEntity } from '@retrowalk/persistence';
import { Accepts, FORM_BODY, renderCheckInFormPage, renderResultPage } from '@retrowalk/http';
import { renderStopPage } from './stop-page';

type FormBody = Record<string, string | string[] | undefined>;

const CHECKBOXES = ['usedSupport', 'nearFall', 'fall', 'swelling', 'kneeGaveWay', 'dizziness'] as const;

function field(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the form as the person filled it in; the domain rules check the values. */
function reportFrom(body: FormBody, performedAt: Date): CheckInReport {
  const minutes = field(body, 'durationMinutes')?.trim();
  const pain = field(body, 'painDuring');
  const painType = field(body, 'painType');
  const notes = field(body, 'notes')
    ?.replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 1000);
  const report: CheckInReport = {
    performedAt,
    painDuring: pain === undefined || pain === '' ? Number.NaN : Number(pain),
    painType: (PAIN_TYPES as readonly string[]).includes(painType ?? '')
      ? (painType as PainType)
      : ('' as PainType),
    swelling: false,
    dizziness: false,
    fall: false,
    nearFall: false,
    kneeGaveWay: false,
    ...(minutes ? { durationMinutes: Number(minutes) } : {}),
    ...(notes ? { notes } : {}),
  };
  for (const name of CHECKBOXES) report[name] = field(body, name) === 'yes';
  return report;
}

/**
 * When the walk was: the chosen day (today, yesterday or the reminder's day) at the participant's
 * reminder time, or now for today. A form without the field (a page opened before it existed)
 * means today; a day that cannot be logged is an invalid date the rules report as `performedAt`.
 */
function walkTime(body: FormBody, enrollment: EnrollmentEntity, now: Date): Date {
  const day = field(body, 'day');
  if (day === undefined) return now;
  return (
    walkTimeForDay(day, { now, timezone: enrollment.timezone, reminderTime: enrollment.reminderTime }) ??
    new Date(Number.NaN)
  );
}

const PLAIN_FIELD_NAMES: Record<string, string> = {
  performedAt: 'which day you walked (today or one of the six days before)',
  painDuring: 'how much your knee hurt (0 to 10)',
  painType: 'what the pain felt like',
  durationMinutes: 'how many minutes you walked',
};

/**
 * The "log a walk" page behind the link in each reminder: GET shows the form, POST records the
 * check-in and shows the decision; on a stop, the safety advice is right there on the page.
 */
@ApiExcludeController()
@Controller('p/check-in')
export class CheckInPageController {
  constructor(
    private readonly links: LinkService,
    private readonly enrollments: EnrollmentService,
    private readonly checkIns: CheckInService,
    private readonly days: CheckInDaysService,
    private readonly organizations: OrganizationService,
    private readonly clock: Clock,
  ) {}

  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async show(@Param('token') token: string, @Query('day') day: unknown): Promise<string> {
    const enrollment = await this.enrollments.findForLink(this.links.verify('check-in', token));
    const organizationName = await this.organizations.shownName(enrollment.organizationId);
    if (enrollment.status !== 'active') return this.notRunning(organizationName, enrollment.status);
    const level = getLevel(enrollment.level);
    const support = supportFor(enrollment.level, enrollment.audience, DEFAULT_PROGRAMME_CONFIG);
    return renderCheckInFormPage({
      organizationName,
      firstName: enrollment.firstName,
      levelName: describeLevel(level),
      formAction: `/p/check-in/${token}`,
      submissionId: randomUUID(),
      defaultMinutes: level.targetMinutes.min,
      // The reminder's day rides on its link unsigned: it only preselects an answer the person
      // could pick anyway, and the domain offers it only within the days that can be logged.
      days: await this.days.choices(enrollment, typeof day === 'string' ? day : null),
      support: { holdOn: support === 'hold_on', advice: SUPPORT_ADVICE_TEXT[support] },
    });
  }

  @Post(':token')
  @Accepts(...FORM_BODY)
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async submit(@Param('token') token: string, @Body() body: FormBody | undefined): Promise<string> {
    const enrollmentId = this.links.verify('check-in', token);
    const enrollment = await this.enrollments.findForLink(enrollmentId);
    const organizationName = await this.organizations.shownName(enrollment.organizationId);
    if (enrollment.status !== 'active') return this.notRunning(organizationName, enrollment.status);
    const form = body ?? {};
    const submission = field(form, 'submission');
    // The form's own id makes a double tap on "Send" record one walk, not two.
    const key = submission && /^[0-9a-f-]{36}$/.test(submission) ? `form:${submission}` : null;
    try {
      const { outcome, rules } = await this.checkIns.record(
        { enrollmentId },
        reportFrom(form, walkTime(form, enrollment, this.clock.now())),
        key,
      );
      return this.decisionPage(organizationName, outcome.decision, rules ?? []);
    } catch (error) {
      if (
        error instanceof DomainError &&
        error.code === 'validation_failed' &&
        Array.isArray(error.details)
      ) {
        const missing = [...new Set(error.details.map((d) => PLAIN_FIELD_NAMES[d.field] ?? d.field))];
        return renderResultPage({
          organizationName,
          tone: 'warning',
          title: 'Almost there',
          heading: 'Almost there',
          message: [`Please go back and tell us ${missing.join(' and ')}.`],
        });
      }
      throw error;
    }
  }

  private decisionPage(
    organizationName: string,
    decision: { action: string; level: number; reasons: string[] },
    rules: readonly FiredRule[],
  ) {
    switch (decision.action) {
      case 'stop':
        return renderStopPage(organizationName, rules);
      case 'progress':
        return renderResultPage({
          organizationName,
          tone: 'success',
          title: 'Level up',
          heading: `Well done: on to level ${decision.level}`,
          message: [...decision.reasons, 'We have emailed you what to do at the new level.'],
        });
      case 'hold': {
        const words = holdWords(rules, describeLevel(getLevel(decision.level)));
        return renderResultPage({
          organizationName,
          tone: 'info',
          title: 'Thank you',
          heading: words.heading,
          message: words.paragraphs,
          sections: words.sections,
        });
      }
      default:
        return renderResultPage({
          organizationName,
          tone: 'success',
          title: 'Thank you',
          heading: 'Thanks, walk logged',
          message: decision.reasons.length > 0 ? decision.reasons : ['Carry on as planned.'],
        });
    }
  }

  private notRunning(organizationName: string, status: string): string {
    return renderResultPage({
      organizationName,
      tone: 'info',
      title: 'Programme not running',
      heading: 'Your programme is not running right now',
      message:
        status === 'needs_clearance'
          ? 'We are waiting for a healthcare professional to say retro walking is OK for you before you log more walks.'
          : 'There is no walk to log at the moment.',
    });
  }
}
