// Sample outcome emails and pages, and a cohort report with outcomes, for `npm run previews`.
import {
  buildCohortReport,
  type CohortGroupFacts,
  describeOwnOutcome,
  GLOBAL_CHANGE_ANSWERS,
  GLOBAL_CHANGE_LABELS,
  type OutcomeTimepointFacts,
} from '@retrowalk/domain';
import {
  renderCompletionEmail,
  renderOutcomeCheckEmail,
  renderOutcomeResultsEmail,
  type RenderedEmail,
} from '@retrowalk/mail';
import { renderCohortReportPage, renderOutcomeCheckPage, renderResultPage } from '@retrowalk/http';

import { type Preview } from './preview-item';

const ORG = 'Riverside Physio';
const LINK = 'https://walk.example.org/p';
const FOOTER = {
  unsubscribeUrl: `${LINK}/unsubscribe/0f8e.1893456000.sig`,
  dataUrl: `${LINK}/data/0f8e.1893456000.sig`,
};

const email = (name: string, rendered: RenderedEmail): Preview => ({
  name,
  html: rendered.html,
  text: rendered.text,
  subject: rendered.subject,
  isEmail: true,
});

const BETTER = describeOwnOutcome({
  baseline: {
    pain: 6,
    activities: [
      { name: 'Climbing the stairs at home', score: 3 },
      { name: 'Getting up from a low chair', score: 4 },
    ],
  },
  latest: {
    pain: 3,
    activities: [
      { name: 'Climbing the stairs at home', score: 7 },
      { name: 'Getting up from a low chair', score: 6 },
    ],
    globalChange: 'better',
  },
});
const WORSE = describeOwnOutcome({
  baseline: { pain: 4, activities: [{ name: 'Kneeling in the garden', score: 5 }] },
  latest: { pain: 7, activities: [{ name: 'Kneeling in the garden', score: 3 }], globalChange: 'worse' },
});

function facts(
  timepoint: OutcomeTimepointFacts['timepoint'],
  people: number,
  seed: number,
): OutcomeTimepointFacts {
  const answered = Math.round(
    people * (timepoint === 'baseline' ? 0.9 : timepoint === 'dose_end' ? 0.75 : 0.55),
  );
  const pain = [3, 4, 5, 6, 7].map((value, i) => ({
    value: Math.max(0, value - (timepoint === 'baseline' ? 0 : 2)),
    people: Math.round(answered / 5) + ((i + seed) % 2),
  }));
  return {
    timepoint,
    observed: people,
    asked: people,
    answered,
    pain,
    psfs: [18, 24, 30, 36].map((value, i) => ({
      value: value + (timepoint === 'baseline' ? 0 : 12),
      people: Math.round(answered / 4) + (i % 2),
    })),
    painPairs:
      timepoint === 'baseline'
        ? []
        : [
            { before: 6, after: 3, people: Math.round(answered * 0.45) },
            { before: 5, after: 5, people: Math.round(answered * 0.35) },
            { before: 4, after: 6, people: Math.round(answered * 0.2) },
          ],
    psfsChanges:
      timepoint === 'baseline'
        ? []
        : [
            { value: 15, people: Math.round(answered * 0.4) },
            { value: 3, people: Math.round(answered * 0.6) },
          ],
  };
}

function levelsOf(people: number): number[] {
  const first = [0.25, 0.3, 0.25].map((share) => Math.round(people * share));
  return [...first, people - first.reduce((a, b) => a + b, 0), 0, 0];
}

function group(key: string, people: number, seed: number): CohortGroupFacts {
  const active = Math.round(people * 0.85);
  return {
    key,
    enrolled: people,
    confirmed: people,
    active,
    sessionsDone: active * 9,
    sessionsWithPain: active * 9,
    painSessions: active,
    peopleWithPain: Math.round(active / 3),
    safetyStops: seed === 0 ? 6 : 0,
    peopleStopped: seed === 0 ? 6 : 0,
    levels: levelsOf(people),
    plans: [
      { reminderDays: ['mon', 'wed', 'fri'], confirmedOn: '2027-01-04', stoppedOn: null, people: people - 2 },
    ],
    retained: [1, 2, 3, 4].map((week) => ({ week, people: Math.round(active * (1 - week * 0.08)) })),
    observed: [{ weeks: 4, people }],
    blockPeople: [Math.round(people / 2), people - Math.round(people / 2)],
    outcomes: [
      facts('baseline', people, seed),
      facts('dose_end', people, seed),
      facts('follow_up', people, seed),
    ],
  };
}

const REPORT = buildCohortReport({
  from: '2027-01-04',
  to: '2027-01-31',
  activityUntil: '2027-02-01',
  groupBy: 'audience',
  groups: [group('general', 64, 1), group('knee_pain', 131, 0), group('older_adult', 48, 1)],
  recentEnrolmentsHeldBack: true,
  currentWeekLeftOut: false,
  outcomeWeeks: { baseline: 0, dose_end: 6, follow_up: 12 },
  outcomesUntil: '2027-05-03',
});

export function outcomePreviews(): Preview[] {
  return [
    email(
      'email-outcome-baseline',
      renderOutcomeCheckEmail({
        firstName: 'Maria',
        organizationName: ORG,
        timepoint: 'baseline',
        week: 0,
        isReminder: false,
        checkUrl: `${LINK}/outcome-baseline/0f8e.1893456000.sig`,
        openUntil: 'Monday 18 January',
        ...FOOTER,
      }),
    ),
    email(
      'email-outcome-week-6-reminder',
      renderOutcomeCheckEmail({
        firstName: 'Maria',
        organizationName: ORG,
        timepoint: 'dose_end',
        week: 6,
        isReminder: true,
        checkUrl: `${LINK}/outcome-dose-end/0f8e.1893456000.sig`,
        openUntil: 'Monday 1 March',
        ...FOOTER,
      }),
    ),
    email(
      'email-outcome-results-better',
      renderOutcomeResultsEmail({
        firstName: 'Maria',
        organizationName: ORG,
        week: 12,
        change: BETTER,
        ...FOOTER,
      }),
    ),
    email(
      'email-outcome-results-worse',
      renderOutcomeResultsEmail({
        firstName: 'Jon',
        organizationName: ORG,
        week: 12,
        change: WORSE,
        ...FOOTER,
      }),
    ),
    email(
      'email-completion-with-change',
      renderCompletionEmail({
        firstName: 'Maria',
        organizationName: ORG,
        sessions: 18,
        levelTitle: 'Pace (Level 4)',
        change: BETTER,
        laterCheckWeek: 12,
        ...FOOTER,
      }),
    ),
    {
      name: 'page-outcome-baseline',
      isEmail: false,
      html: renderOutcomeCheckPage({
        organizationName: ORG,
        firstName: 'Maria',
        timepoint: 'baseline',
        week: 0,
        knownActivities: [],
        globalChangeOptions: [],
        formAction: '/p/outcome-baseline/0f8e.1893456000.sig',
        openUntil: 'Monday 18 January',
      }),
    },
    {
      name: 'page-outcome-week-6',
      isEmail: false,
      html: renderOutcomeCheckPage({
        organizationName: ORG,
        firstName: 'Maria',
        timepoint: 'dose_end',
        week: 6,
        knownActivities: ['Climbing the stairs at home', 'Getting up from a low chair'],
        globalChangeOptions: GLOBAL_CHANGE_ANSWERS.map((v) => [v, GLOBAL_CHANGE_LABELS[v]] as const),
        formAction: '/p/outcome-dose-end/0f8e.1893456000.sig',
        openUntil: 'Monday 1 March',
      }),
    },
    {
      name: 'page-outcome-result-worse',
      isEmail: false,
      html: renderResultPage({
        organizationName: ORG,
        tone: 'warning',
        title: 'Thank you',
        heading: 'Thank you: here is how your knee compares',
        message: [
          WORSE.pain,
          WORSE.activitiesIntro!,
          ...WORSE.activities,
          WORSE.activitiesSummary!,
          WORSE.closing!,
        ],
      }),
    },
    {
      name: 'page-cohort-report',
      isEmail: false,
      wide: true,
      html: renderCohortReportPage({
        organizationName: ORG,
        report: REPORT,
        expiresAt: new Date('2027-05-03T10:00:00Z'),
      }),
    },
  ];
}
