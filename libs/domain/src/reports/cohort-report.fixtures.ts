import { type CohortGroupFacts } from './cohort-report';

/** One group of a report's facts for tests: everyone confirmed and walked twice; override the rest. */
export function groupFacts(
  key: string,
  people: number,
  extra: Partial<CohortGroupFacts> = {},
): CohortGroupFacts {
  return {
    key,
    enrolled: people,
    confirmed: people,
    active: people,
    sessionsDone: people * 2,
    sessionsWithPain: people * 2,
    painSessions: 0,
    peopleWithPain: 0,
    safetyStops: 0,
    peopleStopped: 0,
    levels: [people, 0, 0, 0, 0, 0],
    plans: [{ reminderDays: ['mon', 'wed', 'fri'], confirmedOn: '2027-02-28', stoppedOn: null, people }],
    retained: [{ week: 1, people }],
    observed: [{ weeks: 3, people }],
    blockPeople: [people],
    outcomes: [],
    ...extra,
  };
}
