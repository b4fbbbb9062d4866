import { DEFAULT_PROGRAMME_CONFIG, type ProgrammeConfig } from '../programme/config';
import type { CheckInReport } from './check-in';
import type { RuleHit } from './decision';

const PAUSED = 'so we have paused your programme until a doctor or physiotherapist has checked you.';

/**
 * Every red flag in a report (DESIGN.md §2), all of them rather than the first, so the coach alert and
 * the audit trail show the whole picture.
 */
export function redFlagsIn(
  report: CheckInReport,
  config: ProgrammeConfig = DEFAULT_PROGRAMME_CONFIG,
): RuleHit[] {
  const hits: RuleHit[] = [];
  if (report.fall) {
    hits.push({ rule: 'red_flag.fall', inputs: { fall: true }, reason: `You told us you fell, ${PAUSED}` });
  }
  if (report.painType === 'sharp') {
    hits.push({
      rule: 'red_flag.sharp_pain',
      inputs: { painType: report.painType },
      reason: `Sharp pain means something may be wrong, ${PAUSED}`,
    });
  }
  if (report.painDuring > config.painHoldMax) {
    hits.push({
      rule: 'red_flag.pain_6_plus',
      inputs: { painDuring: report.painDuring, painHoldMax: config.painHoldMax },
      reason: `Pain of ${report.painDuring} out of 10 is more than this exercise should cause, ${PAUSED}`,
    });
  }
  if (report.swelling) {
    hits.push({
      rule: 'red_flag.swelling',
      inputs: { swelling: true },
      reason: `Swelling in the knee needs looking at, ${PAUSED}`,
    });
  }
  if (report.dizziness) {
    hits.push({
      rule: 'red_flag.dizziness',
      inputs: { dizziness: true },
      reason: `Feeling dizzy while walking backwards raises the risk of a fall, ${PAUSED}`,
    });
  }
  if (report.kneeGaveWay) {
    hits.push({
      rule: 'red_flag.knee_gave_way',
      inputs: { kneeGaveWay: true },
      reason: `Your knee giving way needs looking at, ${PAUSED}`,
    });
  }
  return hits;
}
