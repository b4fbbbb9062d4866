import type { Audience } from './audience';
import type { ProgrammeConfig } from './config';
import { FIRST_LEVEL, getLevel } from './levels';

/** hold_on: keep a hand on support; within_reach: handrail close by; if_needed: support nearby only if wanted. */
export type SupportAdvice = 'hold_on' | 'within_reach' | 'if_needed';

export const SUPPORT_ADVICE_TEXT: Readonly<Record<SupportAdvice, string>> = Object.freeze({
  hold_on: 'Keep a hand on a handrail or sturdy furniture, or have someone beside you.',
  within_reach: 'Keep a handrail within easy reach and take hold of it if you feel unsteady.',
  if_needed: 'Walk without holding on if you feel steady, with support nearby in case you need it.',
});

/** Older adults keep holding on for longer because a fall costs them more (DESIGN.md §2). */
export function supportFor(level: number, audience: Audience, config: ProgrammeConfig): SupportAdvice {
  const programmeLevel = getLevel(level);
  if (level === FIRST_LEVEL) return 'hold_on';
  if (audience === 'older_adult' && level <= config.olderAdultKeepSupportUntilLevel) return 'hold_on';
  if (programmeLevel.requiresTreadmill) return 'within_reach';
  return 'if_needed';
}
