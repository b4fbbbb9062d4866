// Previews of what a participant reads after a bad week or a bad walk: the weekly summary (a good
// week, a held week, a week with a stop), the page after pain 4-5, the stop page and safety email,
// the morning-after question and its "worse" page, and the check-in form with its day question.
// Sample people and dates; the words come from the domain library, as in the real emails.
import {
  DEFAULT_PROGRAMME_CONFIG,
  decideAfterCheckIn,
  type FiredRule,
  holdWords,
  SAFETY_STOP,
  stopWords,
  SUPPORT_ADVICE_TEXT,
  summariseWeek,
  describeWeekForChart,
  weeklySummaryWords,
  type WeekSummary,
} from '@retrowalk/domain';
import {
  renderPainFollowUpEmail,
  renderSafetyStopEmail,
  renderWeeklyChartPng,
  renderWeeklySummaryEmail,
} from '@retrowalk/mail';
import { type EnrollmentEntity } from '@retrowalk/persistence';
import { participantPageCopy } from '../../apps/api/src/participant/participant-page-copy';
import { renderActionPage, renderCheckInFormPage, renderResultPage } from '../../libs/http/src/pages';
import { emailPreview, pagePreview, type Preview } from './preview-item';

const ORG = 'Riverside Physio';
const LINK = 'https://walk.example.org/p';
const LEVEL_TWO = 'Free-standing (Level 2)';

const email = emailPreview;
const page = pagePreview;

function walk(iso: string, minutes: number, pain: number) {
  return { performedAt: new Date(iso), durationMinutes: minutes, painDuring: pain };
}

/** A week of Maria's in Berlin: Mon, Wed, Fri planned; what happened decides the words. */
function week(decisions: { at: string; action: 'stop' | 'hold' | 'step_back' | 'resume' | 'carry_on' }[]) {
  return summariseWeek({
    weekEnd: '2027-03-15',
    timezone: 'Europe/Berlin',
    plannedDays: ['mon', 'wed', 'fri'],
    sessions: [
      walk('2027-03-01T08:00:00Z', 10, 3),
      walk('2027-03-08T08:00:00Z', 10, 2),
      walk('2027-03-10T08:00:00Z', 12, 5),
      walk('2027-03-12T08:00:00Z', 10, 3),
      walk('2027-03-13T08:00:00Z', 8, 2),
    ],
    decisions: decisions.map((d) => ({ at: new Date(d.at), action: d.action })),
  });
}

function weeklyEmail(name: string, summary: WeekSummary, level: string): Preview {
  const rendered = renderWeeklySummaryEmail({
    firstName: 'Maria',
    organizationName: ORG,
    weekLabel: 'Week of 8 March',
    words: weeklySummaryWords(summary, level),
    chartCid: 'weekly-chart@retrowalk',
    chartAlt: describeWeekForChart(summary),
    checkInUrl: `${LINK}/check-in/abc`,
    pauseUrl: `${LINK}/pause/abc`,
    unsubscribeUrl: `${LINK}/unsubscribe/abc`,
    dataUrl: `${LINK}/data/abc`,
  });
  // A browser cannot resolve cid: outside a mail client; show the same PNG inline instead.
  const png = renderWeeklyChartPng(
    summary.days.map((d) => ({ label: d.weekday, minutes: d.minutes, pain: d.pain })),
  );
  return email(name, {
    ...rendered,
    html: rendered.html.replace(
      'cid:weekly-chart@retrowalk',
      `data:image/png;base64,${png.toString('base64')}`,
    ),
  });
}

export function afterABadWeekPreviews(): Preview[] {
  const sore = decideAfterCheckIn({
    report: {
      performedAt: new Date('2027-03-10T08:00:00Z'),
      durationMinutes: 12,
      painDuring: 5,
      painType: 'aching',
      swelling: false,
      dizziness: false,
      fall: false,
      nearFall: false,
      kneeGaveWay: false,
    },
    level: 2,
    audience: 'knee_pain',
    history: [{ performedAt: new Date('2027-03-08T08:00:00Z'), level: 2, painDuring: 2, action: 'carry_on' }],
    config: DEFAULT_PROGRAMME_CONFIG,
  });
  const fall: FiredRule[] = [
    { rule: 'red_flag.fall', inputs: { fall: true } },
    { rule: 'red_flag.knee_gave_way', inputs: { kneeGaveWay: true } },
  ];
  const hold = holdWords(sore.rules, LEVEL_TWO);
  const stop = stopWords(fall);
  return [
    weeklyEmail('email-weekly-summary-good-week', week([]), LEVEL_TWO),
    weeklyEmail(
      'email-weekly-summary-held-week',
      week([{ at: '2027-03-10T08:05:00Z', action: 'hold' }]),
      LEVEL_TWO,
    ),
    weeklyEmail(
      'email-weekly-summary-stopped-week',
      week([
        { at: '2027-03-09T08:05:00Z', action: 'stop' },
        { at: '2027-03-11T15:00:00Z', action: 'resume' },
      ]),
      'Supported start (Level 1)',
    ),
    page(
      'page-check-in-form-days',
      renderCheckInFormPage({
        organizationName: ORG,
        firstName: 'Maria',
        levelName: 'Supported start (Level 1)',
        formAction: '/p/check-in/abc',
        submissionId: '0b7c6a8e-3f1d-4c2a-9e4b-5d6f7a8b9c0d',
        defaultMinutes: 5,
        days: [
          { date: '2027-03-10', label: 'Today, Wednesday 10 March', logged: false, preselected: false },
          { date: '2027-03-09', label: 'Yesterday, Tuesday 9 March', logged: false, preselected: false },
          {
            date: '2027-03-08',
            label: 'Monday 8 March, the day of your reminder',
            logged: true,
            preselected: true,
          },
        ],
        support: { holdOn: true, advice: SUPPORT_ADVICE_TEXT.hold_on },
      }),
    ),
    page(
      'page-check-in-hold',
      renderResultPage({
        organizationName: ORG,
        tone: 'info',
        title: 'Thank you',
        heading: hold.heading,
        message: hold.paragraphs,
        sections: hold.sections,
      }),
    ),
    page(
      'page-check-in-stop',
      renderResultPage({
        organizationName: ORG,
        tone: 'error',
        title: 'Please stop for now',
        heading: stop.heading,
        message: [
          ...stop.paragraphs,
          'We have emailed you this advice, with the link to use once a professional says you can carry on.',
        ],
        sections: stop.sections,
      }),
    ),
    email(
      'email-safety-stop',
      renderSafetyStopEmail({
        firstName: 'Maria',
        organizationName: ORG,
        told: stop.paragraphs[0]!,
        stop: SAFETY_STOP,
        clearedUrl: `${LINK}/cleared/abc`,
      }),
    ),
    email(
      'email-pain-follow-up',
      renderPainFollowUpEmail({
        firstName: 'Maria',
        organizationName: ORG,
        settledUrl: `${LINK}/follow-up-settled/abc`,
        sameUrl: `${LINK}/follow-up-same/abc`,
        worseUrl: `${LINK}/follow-up-worse/abc`,
        isReminder: false,
        unsubscribeUrl: `${LINK}/unsubscribe/abc`,
        dataUrl: `${LINK}/data/abc`,
      }),
    ),
    page(
      'page-follow-up-worse',
      renderActionPage({
        organizationName: ORG,
        ...participantPageCopy('follow-up-worse', {
          firstName: 'Maria',
          status: 'active',
        } as EnrollmentEntity).ask,
        formAction: '/p/follow-up-worse/abc',
        alternative: {
          buttonLabel: 'Yes: swollen, sharp pain or it gave way',
          formAction: '/p/follow-up-red-flag/abc',
          first: true,
        },
      }),
    ),
  ];
}
