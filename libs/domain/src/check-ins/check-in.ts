import type { Pace } from '../programme/levels';
import type { DecisionAction } from './decision';

export type PainType = 'none' | 'muscle_effort' | 'aching' | 'sharp';
export type Resistance = 'none' | 'ankle_weights' | 'band';
export type FollowUpAnswer = 'settled' | 'same' | 'worse';

export const PAIN_TYPES: readonly PainType[] = Object.freeze(['none', 'muscle_effort', 'aching', 'sharp']);
export const FOLLOW_UP_ANSWERS: readonly FollowUpAnswer[] = Object.freeze(['settled', 'same', 'worse']);

export interface CheckInReport {
  performedAt: Date;
  durationMinutes?: number;
  distanceMeters?: number;
  pace?: Pace;
  inclinePercent?: number;
  resistance?: Resistance;
  usedSupport?: boolean;
  /** Pain during the session on the 0-10 numeric rating scale, whole numbers only. */
  painDuring: number;
  painType: PainType;
  swelling: boolean;
  dizziness: boolean;
  fall: boolean;
  nearFall: boolean;
  kneeGaveWay: boolean;
  notes?: string;
}

/** An earlier check-in as the decision engine needs it. */
export interface PastSession {
  performedAt: Date;
  /** The level the session was walked at (before its decision moved anything). */
  level: number;
  painDuring: number;
  /** The action decided for that check-in. */
  action: DecisionAction;
  /** Whether a next-morning question was sent; when absent, assumed for holds only. */
  needsFollowUp?: boolean;
  /** null or undefined: the follow-up has not been answered (yet). */
  followUpAnswer?: FollowUpAnswer | null;
}

export interface CheckInIssue {
  readonly field: keyof CheckInReport;
  readonly message: string;
}

function isFiniteNonNegative(value: number | undefined): boolean {
  return value === undefined || (Number.isFinite(value) && value >= 0);
}

/** Problems the API should reject with a 4xx, each naming its field. */
export function checkInReportIssues(report: CheckInReport): CheckInIssue[] {
  const issues: CheckInIssue[] = [];
  // Duck-typed rather than instanceof so a Date from another realm (a worker, a test VM) still passes.
  if (typeof report.performedAt?.getTime !== 'function' || Number.isNaN(report.performedAt.getTime())) {
    issues.push({ field: 'performedAt', message: 'must be a valid date and time' });
  }
  if (!Number.isInteger(report.painDuring) || report.painDuring < 0 || report.painDuring > 10) {
    issues.push({ field: 'painDuring', message: 'must be a whole number from 0 to 10' });
  }
  if (!PAIN_TYPES.includes(report.painType)) {
    issues.push({ field: 'painType', message: `must be one of ${PAIN_TYPES.join(', ')}` });
  }
  if (!isFiniteNonNegative(report.durationMinutes)) {
    issues.push({ field: 'durationMinutes', message: 'must be a number of minutes, 0 or more' });
  }
  if (!isFiniteNonNegative(report.distanceMeters)) {
    issues.push({ field: 'distanceMeters', message: 'must be a number of metres, 0 or more' });
  }
  if (report.inclinePercent !== undefined && !Number.isFinite(report.inclinePercent)) {
    issues.push({ field: 'inclinePercent', message: 'must be a number' });
  }
  return issues;
}

export class InvalidCheckInError extends RangeError {
  constructor(readonly issues: readonly CheckInIssue[]) {
    super(`Invalid check-in: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`);
    this.name = 'InvalidCheckInError';
  }
}

export function assertValidCheckInReport(report: CheckInReport): void {
  const issues = checkInReportIssues(report);
  if (issues.length > 0) throw new InvalidCheckInError(issues);
}
