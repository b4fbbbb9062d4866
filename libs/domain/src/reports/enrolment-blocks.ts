import { addDays, type LocalDate, weekdayOf, WEEKDAYS } from '../schedule/local-time';
import { SUPPRESSION_THRESHOLD } from './suppression';

/** The Monday starting the ISO week (UTC calendar) that holds `date`. */
export function weekStartOf(date: LocalDate): LocalDate {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
}

/** Enrolments of one organisation in one ISO week (Monday start, UTC). */
export interface EnrolmentWeek {
  week: LocalDate;
  people: number;
}

/**
 * Consecutive enrolment weeks pooled until they hold at least the threshold of people. Reports
 * only ever take whole blocks, so two reports over different periods differ by whole blocks of
 * five or more people: subtracting one from the other never isolates fewer than five.
 */
export interface EnrolmentBlock {
  /** Monday of the first week in the block. */
  start: LocalDate;
  /** Monday of the last week in the block. */
  lastWeek: LocalDate;
  people: number;
}

/**
 * Pools the organisation's enrolment weeks (complete weeks only, from its very first) into blocks,
 * oldest first. Blocks only ever grow at the newest end as time passes, so a block once published
 * keeps its shape. The newest weeks, while together still under the threshold, form no block yet:
 * they are returned as `filling` and left out of every report until enough people have joined.
 */
export function poolEnrolmentWeeks(
  weeks: readonly EnrolmentWeek[],
  threshold = SUPPRESSION_THRESHOLD,
): { blocks: EnrolmentBlock[]; filling: number } {
  const sorted = weeks.filter((w) => w.people > 0).sort((a, b) => (a.week < b.week ? -1 : 1));
  const blocks: EnrolmentBlock[] = [];
  let open: EnrolmentBlock | null = null;
  for (const { week, people } of sorted) {
    const current: EnrolmentBlock = open
      ? { start: open.start, lastWeek: week, people: open.people + people }
      : { start: week, lastWeek: week, people };
    open = current;
    if (current.people >= threshold) {
      blocks.push(current);
      open = null;
    }
  }
  return { blocks, filling: open?.people ?? 0 };
}

/** The blocks a report from `from` to `to` (Mondays, inclusive) covers: those starting in it. */
export function blocksInPeriod(
  blocks: readonly EnrolmentBlock[],
  from: LocalDate,
  to: LocalDate,
): EnrolmentBlock[] {
  return blocks.filter((block) => block.start >= from && block.start <= to);
}
