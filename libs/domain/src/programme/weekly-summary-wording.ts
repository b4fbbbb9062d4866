import { dayName } from '../messages/wording';
import type { WeekSummary } from './weekly-summary';

/** The words of a weekly summary email; the template only lays them out. */
export interface WeeklySummaryWords {
  subject: string;
  /** The week in numbers: "4 walks, 3 planned, 52 minutes in all. Knee pain: about the same as last week." */
  numbers: string;
  /** How the week went, in one or two plain sentences. */
  howItWent: string;
  /** What happens from here; always set after a stop, a step back or a hold. */
  whatNext: string | null;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Sessions as people say them, done first and the plan beside it: "4 walks, 3 planned", "1 walk,
 * 2 planned", "no walks, 3 planned". Never "4 of 3", which reads as a mistake when someone walked
 * more than planned.
 */
export function describeSessions(done: number, planned: number): string {
  return `${done === 0 ? 'no walks' : count(done, 'walk', 'walks')}, ${planned} planned`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function hadSetback(summary: Pick<WeekSummary, 'setbacks'>): boolean {
  const { stops, stepBacks, holds } = summary.setbacks;
  return stops + stepBacks + holds > 0;
}

function painWords(summary: WeekSummary): string | null {
  switch (summary.painTrend) {
    case 'lower':
      // "Good news" sits badly beside a stop or a step back in the same email.
      return hadSetback(summary) ? 'lower than last week' : 'lower than last week (good news)';
    case 'same':
      return 'about the same as last week';
    case 'higher':
      return 'a bit higher than last week, so go gently and tell us in your check-ins';
    case 'unknown':
      return null;
  }
}

/**
 * A week with a stop, a step back or a hold gets no congratulations, whatever the numbers: it says
 * what happened, in the order of seriousness (a stop before a step back before a hold), and what
 * happens next. Only a week that went to plan is praised.
 */
export function weeklySummaryWords(summary: WeekSummary, levelTitle: string): WeeklySummaryWords {
  const sessions = describeSessions(summary.sessionsDone, summary.sessionsPlanned);
  const minutes = summary.sessionsDone === 0 ? '' : `, ${count(summary.minutes, 'minute', 'minutes')} in all`;
  const pain = painWords(summary);
  const numbers = `${capitalised(sessions)}${minutes}.${pain === null ? '' : ` Knee pain: ${pain}.`}`;
  const subject = `Your retro walking week: ${sessions}`;
  const { stops, stepBacks, holds, firstStopOn } = summary.setbacks;

  if (stops > 0) {
    const when = firstStopOn === null ? 'This week' : `On ${dayName(firstStopOn)}`;
    return {
      subject,
      numbers,
      howItWent: `${when} a warning sign stopped your programme until a professional had checked you, and you have been cleared to start again since.`,
      // The safety point under the button already says when to stop; this says only what is next.
      whatNext: `You restart gently, on ${levelTitle}, and move up again after a few comfortable walks in a row.`,
    };
  }
  if (stepBacks > 0) {
    return {
      subject,
      numbers,
      howItWent: `Your knee felt worse the morning after a walk, so you had a rest day and are now on ${levelTitle}.`,
      whatNext:
        'Stay at this level until your walks feel comfortable again; we move you up after a few comfortable walks in a row.',
    };
  }
  if (holds > 0) {
    return {
      subject,
      numbers,
      howItWent: `Your knee was sore after ${holds === 1 ? 'one walk' : `${holds} walks`}, so you stayed on ${levelTitle}.`,
      whatNext:
        'Keep to this level for now. Once your walks are comfortable again, a few in a row move you up.',
    };
  }
  return { subject, numbers, howItWent: goodWeek(summary, levelTitle), whatNext: null };
}

function goodWeek(summary: WeekSummary, levelTitle: string): string {
  if (summary.sessionsDone === 0) {
    return `You are on ${levelTitle}. No walks this week, and that is fine. Start again gently whenever you are ready.`;
  }
  if (summary.sessionsDone >= summary.sessionsPlanned) {
    return `You are on ${levelTitle}. You did every session you planned. Well done!`;
  }
  return `You are on ${levelTitle}. Every walk counts. Keep going at your own pace.`;
}
