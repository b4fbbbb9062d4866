import type { FollowUpAnswer } from '../check-ins/check-in';
import type { DecisionAction } from '../check-ins/decision';
import { DEFAULT_PROGRAMME_CONFIG, type ProgrammeConfig } from '../programme/config';
import { ATTENTION_KINDS, type AttentionKind, type TimedAttentionKind } from './attention-kind';

/** Who cleared a participant to resume: a signed-in member, an API key, or the participant. */
export type ClearedBy = 'member' | 'api_key' | 'participant';

/**
 * Everything that opens or closes attention items. Each is raised by the transaction that makes it
 * happen, so an item and its cause commit (or roll back) together.
 */
export type AttentionEvent =
  /** The programme became active: confirmed without a screening flag. */
  | { readonly type: 'activated' }
  /** A walk was logged and decided. */
  | { readonly type: 'walk_logged'; readonly action: DecisionAction; readonly needsFollowUp: boolean }
  /** The next-morning answer, and what it decided. */
  | { readonly type: 'follow_up_answered'; readonly answer: FollowUpAnswer; readonly action: DecisionAction }
  /** The participant says a professional cleared them; under `coach_confirms` a coach must confirm. */
  | { readonly type: 'clearance_requested' }
  /** Cleared to resume after a stop or a screening flag. */
  | { readonly type: 'cleared'; readonly by: ClearedBy }
  | { readonly type: 'paused' }
  | { readonly type: 'resumed' }
  | { readonly type: 'unsubscribed' }
  | { readonly type: 'completed' }
  | { readonly type: 'erased' }
  /** A timer ran out: no walk for a week, or no answer to the follow-up for 48 hours. */
  | { readonly type: 'timer_due'; readonly kind: TimedAttentionKind }
  /** Deliverability: mail to the participant cannot be delivered; later, mail got through again. */
  | { readonly type: 'undeliverable' }
  | { readonly type: 'delivered' }
  /** Outcomes: a check shows the knee worse than at baseline. */
  | { readonly type: 'outcome_worse' };

export type AttentionEventType = AttentionEvent['type'];

export interface AttentionChanges {
  readonly open: readonly AttentionKind[];
  readonly close: readonly AttentionKind[];
  /** Timers to (re)start: they open their kind when they run out. */
  readonly startTimers: readonly TimedAttentionKind[];
  /** Timers whose waiting no longer means anything. */
  readonly stopTimers: readonly TimedAttentionKind[];
}

const NOTHING: AttentionChanges = Object.freeze({ open: [], close: [], startTimers: [], stopTimers: [] });

function changes(partial: Partial<AttentionChanges>): AttentionChanges {
  return { ...NOTHING, ...partial };
}

/** The programme stopped waiting for walks: nothing about walks or answers is owed any more. */
const STOPPED_WAITING = changes({
  close: ['inactive', 'follow_up_unanswered'],
  stopTimers: ['inactive', 'follow_up_unanswered'],
});

/**
 * The rules of attention items: which kinds an event opens and closes, and which timers it starts
 * or stops. Opening a kind that is already open does nothing (one open item per person and kind).
 */
export function attentionChanges(event: AttentionEvent): AttentionChanges {
  switch (event.type) {
    case 'activated':
    case 'resumed':
      return changes({ startTimers: ['inactive'] });
    case 'walk_logged':
      if (event.action === 'stop') {
        return changes({ ...STOPPED_WAITING, open: ['safety_stop'] });
      }
      // A walk answers "no walk for a week"; a hold that asks the next-morning question starts
      // the wait for its answer.
      return changes({
        close: ['inactive'],
        startTimers: event.needsFollowUp ? ['inactive', 'follow_up_unanswered'] : ['inactive'],
      });
    case 'follow_up_answered': {
      const open: AttentionKind[] = [];
      if (event.answer === 'worse') open.push('pain_worse');
      if (event.action === 'stop') {
        open.unshift('safety_stop');
        return changes({ ...STOPPED_WAITING, open });
      }
      return changes({
        open,
        // A knee that settled again answers the earlier "worse".
        close: event.answer === 'settled' ? ['follow_up_unanswered', 'pain_worse'] : ['follow_up_unanswered'],
        stopTimers: ['follow_up_unanswered'],
      });
    }
    case 'clearance_requested':
      return changes({ open: ['clearance_requested'] });
    case 'cleared':
      // The participant cleared themselves (participant_attests): the stop is over, but a coach
      // is told and must look, so the item stays open until someone acknowledges it.
      return event.by === 'participant'
        ? changes({ open: ['clearance_requested'], close: ['safety_stop'], startTimers: ['inactive'] })
        : changes({ close: ['safety_stop', 'clearance_requested'], startTimers: ['inactive'] });
    case 'paused':
    case 'unsubscribed':
    case 'completed':
      return STOPPED_WAITING;
    case 'erased':
      return changes({ close: [...ATTENTION_KINDS], stopTimers: ['inactive', 'follow_up_unanswered'] });
    case 'timer_due':
      return changes({ open: [event.kind] });
    case 'undeliverable':
      return changes({ open: ['undeliverable'] });
    case 'delivered':
      return changes({ close: ['undeliverable'] });
    case 'outcome_worse':
      return changes({ open: ['outcome_worse'] });
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** No answer to the next-morning question this long after it was due opens `follow_up_unanswered`. */
export const FOLLOW_UP_UNANSWERED_AFTER_MS = 48 * HOUR_MS;

/** When `inactive` opens if nothing happens: a week (the programme's inactivity) after the last sign of life. */
export function inactiveDueAt(lastActivity: Date, config: ProgrammeConfig = DEFAULT_PROGRAMME_CONFIG): Date {
  return new Date(lastActivity.getTime() + config.inactivityDays * DAY_MS);
}

/** When `follow_up_unanswered` opens: 48 hours after the question was due to go out. */
export function followUpUnansweredDueAt(followUpDueAt: Date): Date {
  return new Date(followUpDueAt.getTime() + FOLLOW_UP_UNANSWERED_AFTER_MS);
}
