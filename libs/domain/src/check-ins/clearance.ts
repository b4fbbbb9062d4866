import type { Audience } from '../programme/audience';
import { FIRST_LEVEL, getLevel } from '../programme/levels';

/**
 * Where a participant restarts once a professional has cleared them after a stop. Never the level the
 * red flag happened at: one level down for most, two for older adults (a fall costs them more) and after
 * surgery (the clinician can move them up again), never below the first level. A coach who wants a
 * different level sets it explicitly; this is only the automatic default.
 */
export function levelAfterClearance(levelBeforeStop: number, audience: Audience): number {
  getLevel(levelBeforeStop);
  return Math.max(FIRST_LEVEL, levelBeforeStop - levelsDownAfterStop(audience));
}

function levelsDownAfterStop(audience: Audience): number {
  switch (audience) {
    case 'older_adult':
    case 'post_surgical':
      return 2;
    case 'knee_pain':
    case 'athlete':
    case 'general':
      return 1;
  }
}
