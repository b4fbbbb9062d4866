import { isWithinQuietHours, type QuietHours, releaseFromQuietHours } from '../schedule/quiet-hours';

const MINUTE_MS = 60_000;

/** Bounds of an organisation's import confirmation pace, in emails per minute. */
export const MIN_CONFIRMATIONS_PER_MINUTE = 1;
export const MAX_CONFIRMATIONS_PER_MINUTE = 10_000;
export const DEFAULT_CONFIRMATIONS_PER_MINUTE = 100;

export interface PaceRequest {
  /** Each row's timezone: quiet hours are the participant's local night, not the organisation's. */
  timezones: readonly string[];
  now: Date;
  perMinute: number;
  quiet: QuietHours;
  /**
   * Confirmations already planned per minute (key: the minute's start in epoch ms), by earlier
   * batches and other imports of the organisation, so two imports together keep the one pace.
   */
  planned: ReadonlyMap<number, number>;
}

export interface PacePlan {
  /** When each row's confirmation may go, in the order of `timezones`. */
  dueAt: Date[];
  /** The new count of every minute this plan added to. */
  changed: Map<number, number>;
}

/**
 * Spreads import confirmations so an organisation never has more than `perMinute` of them due in any
 * minute (the mail provider, and the recipients' spam filters, see a steady trickle, not a burst),
 * and none falls in the participant's quiet hours: a minute that is quiet for this person is skipped
 * for them, and a later row whose night it is not may still use it. Within a minute the slots are
 * evenly spaced. Rows get the earliest minute that is free and not quiet for them, in file order.
 */
export function planConfirmations(request: PaceRequest): PacePlan {
  const { perMinute, now, quiet } = request;
  if (
    !Number.isInteger(perMinute) ||
    perMinute < MIN_CONFIRMATIONS_PER_MINUTE ||
    perMinute > MAX_CONFIRMATIONS_PER_MINUTE
  ) {
    throw new RangeError(
      `perMinute must be a whole number from ${MIN_CONFIRMATIONS_PER_MINUTE} to ${MAX_CONFIRMATIONS_PER_MINUTE}`,
    );
  }
  const spacingMs = Math.floor(MINUTE_MS / perMinute);
  const changed = new Map<number, number>();
  const used = (minute: number): number => changed.get(minute) ?? request.planned.get(minute) ?? 0;
  // The first minute that may still have room; every minute before it is full.
  let firstOpen = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const dueAt = request.timezones.map((tz) => {
    while (used(firstOpen) >= perMinute) firstOpen += MINUTE_MS;
    let minute = firstOpen;
    for (;;) {
      if (used(minute) >= perMinute) {
        minute += MINUTE_MS;
      } else if (isWithinQuietHours(new Date(minute), tz, quiet)) {
        const released = releaseFromQuietHours(new Date(minute), tz, quiet).getTime();
        minute = Math.floor(released / MINUTE_MS) * MINUTE_MS;
        // A release that ends mid-minute (an odd DST transition) starts at the next whole minute.
        if (minute < released) minute += MINUTE_MS;
      } else {
        break;
      }
    }
    const slot = used(minute);
    changed.set(minute, slot + 1);
    return new Date(minute + slot * spacingMs);
  });
  return { dueAt, changed };
}
