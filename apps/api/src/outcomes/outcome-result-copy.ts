import { type OutcomeCheckPage } from '@retrowalk/application';
import { describeLocalDate, localParts } from '@retrowalk/domain';
import { type ResultPageModel } from '@retrowalk/http';

const dayOf = (date: Date, timezone: string) => describeLocalDate(localParts(date, timezone).date);

/** The last day a check can be answered, in the person's own calendar ("Monday 18 January"). */
export function lastDayOpen(page: OutcomeCheckPage): string {
  return page.closesAt ? dayOf(new Date(page.closesAt.getTime() - 60_000), page.timezone) : 'soon';
}

function changeLines(page: OutcomeCheckPage): string[] {
  const words = page.words;
  if (!words) return [];
  return [
    words.pain,
    ...(words.activitiesIntro && words.activities.length > 0
      ? [
          words.activitiesIntro,
          ...words.activities,
          ...(words.activitiesSummary ? [words.activitiesSummary] : []),
        ]
      : []),
    ...(words.closing ? [words.closing] : []),
  ];
}

/**
 * What the person reads instead of the form: thanks and their change after answering, or why the
 * check cannot be answered now. Short sentences: this is read on a phone.
 */
export function outcomeResultCopy(page: OutcomeCheckPage, recorded: boolean): ResultPageModel {
  const base = { organizationName: page.organizationName };
  switch (page.state) {
    case 'answered': {
      const tone = page.words?.seeProfessional ? 'warning' : recorded ? 'success' : 'info';
      if (!recorded) {
        return {
          ...base,
          tone,
          title: 'Already answered',
          heading: 'You have already answered this check',
          message: [
            `We keep your first answers, from ${page.answeredAt ? dayOf(page.answeredAt, page.timezone) : 'earlier'}.`,
            ...changeLines(page),
          ],
        };
      }
      if (page.timepoint === 'baseline') {
        return {
          ...base,
          tone,
          title: 'Thank you',
          heading: 'Thank you: that is your starting point',
          message: ['We will ask again later in the programme and show you how your knee compares.'],
        };
      }
      return {
        ...base,
        tone,
        title: 'Thank you',
        heading: 'Thank you: here is how your knee compares',
        message: changeLines(page),
      };
    }
    case 'not_open_yet':
      return {
        ...base,
        tone: 'info',
        title: 'Not open yet',
        heading: 'This check is not open yet',
        message: `It opens on ${page.opensAt ? dayOf(page.opensAt, page.timezone) : 'a later day'}. We will email you then.`,
      };
    case 'closed':
      return {
        ...base,
        tone: 'info',
        title: 'Check closed',
        heading: 'This check has closed',
        message: 'It was open for two weeks. There is nothing you need to do.',
      };
    case 'open':
    case 'off':
      return {
        ...base,
        tone: 'info',
        title: 'Nothing to answer',
        heading: 'There is nothing to answer here',
        message: 'This check is not running any more.',
      };
  }
}
