import {
  addDays,
  emptyOutcomeFacts,
  type EnrolmentBlock,
  type LocalDate,
  OUTCOME_TIMEPOINTS,
  type OutcomeTimepoint,
  type OutcomeTimepointFacts,
} from '@retrowalk/domain';

/**
 * Completes the database's outcome counts with the people each check is reported for: everyone
 * of the group in the blocks far enough on (a block's check is reported `observationWeeks` after
 * the block's last enrolment week ended), whether or not they were asked. `peopleIn` gives the
 * group's people in one block.
 */
export function withObservedPeople(input: {
  counts: ReadonlyMap<string, readonly OutcomeTimepointFacts[]>;
  keys: readonly string[];
  blocks: readonly EnrolmentBlock[];
  observationWeeks: Readonly<Record<OutcomeTimepoint, number>>;
  until: LocalDate;
  peopleIn: (key: string, block: EnrolmentBlock) => number;
}): Map<string, OutcomeTimepointFacts[]> {
  const result = new Map<string, OutcomeTimepointFacts[]>();
  for (const key of input.keys) {
    const counted = input.counts.get(key) ?? [];
    result.set(
      key,
      OUTCOME_TIMEPOINTS.map((timepoint) => {
        const observedFrom = (block: EnrolmentBlock) =>
          addDays(block.lastWeek, 7 * (1 + input.observationWeeks[timepoint]));
        const observed = input.blocks
          .filter((block) => observedFrom(block) <= input.until)
          .reduce((sum, block) => sum + input.peopleIn(key, block), 0);
        const facts = counted.find((c) => c.timepoint === timepoint) ?? emptyOutcomeFacts(timepoint);
        return { ...facts, observed };
      }),
    );
  }
  return result;
}
