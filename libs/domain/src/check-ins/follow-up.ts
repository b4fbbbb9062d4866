import { assertValidProgrammeConfig, type ProgrammeConfig } from '../programme/config';
import { FIRST_LEVEL, getLevel } from '../programme/levels';
import type { FollowUpAnswer } from './check-in';
import type { Decision, RuleHit } from './decision';

export interface FollowUpRedFlags {
  readonly swelling?: boolean;
  readonly kneeGaveWay?: boolean;
  readonly sharpPain?: boolean;
  /**
   * One of the three, without saying which: the morning-after email offers a single "yes, one of
   * these" button, because a worried person should not have to diagnose themselves to be stopped.
   */
  readonly oneOfThese?: boolean;
}

export interface DecideAfterFollowUpInput {
  readonly answer: FollowUpAnswer;
  /** The level the participant is at now (the held level). */
  readonly level: number;
  readonly redFlag?: FollowUpRedFlags;
  readonly config: ProgrammeConfig;
}

const PAUSED = 'so we have paused your programme until a doctor or physiotherapist has checked your knee.';

function followUpRedFlags(redFlag: FollowUpRedFlags | undefined): RuleHit[] {
  const hits: RuleHit[] = [];
  if (redFlag?.sharpPain === true) {
    hits.push({
      rule: 'red_flag.sharp_pain',
      inputs: { source: 'follow_up', sharpPain: true },
      reason: `Sharp pain the morning after means something may be wrong, ${PAUSED}`,
    });
  }
  if (redFlag?.swelling === true) {
    hits.push({
      rule: 'red_flag.swelling',
      inputs: { source: 'follow_up', swelling: true },
      reason: `Swelling the morning after needs looking at, ${PAUSED}`,
    });
  }
  if (redFlag?.kneeGaveWay === true) {
    hits.push({
      rule: 'red_flag.knee_gave_way',
      inputs: { source: 'follow_up', kneeGaveWay: true },
      reason: `Your knee giving way needs looking at, ${PAUSED}`,
    });
  }
  if (redFlag?.oneOfThese === true && hits.length === 0) {
    hits.push({
      rule: 'red_flag.follow_up_warning_sign',
      inputs: { source: 'follow_up', swellingSharpPainOrGivingWay: true },
      reason: `Swelling, sharp pain or your knee giving way the morning after needs looking at, ${PAUSED}`,
    });
  }
  return hits;
}

/**
 * The next-morning answer after a hold (DESIGN.md §2). A red flag in the answer stops whatever the
 * answer says, because someone may call a swollen knee "the same"; a stop always wins.
 */
export function decideAfterFollowUp(input: DecideAfterFollowUpInput): Decision {
  const { answer, level, config } = input;
  assertValidProgrammeConfig(config);
  getLevel(level);

  const redFlags = followUpRedFlags(input.redFlag);
  if (redFlags.length > 0) {
    return { action: 'stop', level, rules: redFlags, needsFollowUp: false, restDays: 0 };
  }

  switch (answer) {
    case 'settled':
      return {
        action: 'carry_on',
        level,
        rules: [
          {
            rule: 'follow_up.settled',
            inputs: { answer, level },
            reason: 'Good to hear your knee settled overnight, so carry on as planned.',
          },
        ],
        needsFollowUp: false,
        restDays: 0,
      };
    case 'same':
      return {
        action: 'hold',
        level,
        rules: [
          {
            rule: 'follow_up.same',
            inputs: { answer, level },
            reason: 'Your knee feels about the same as yesterday, so stay at this level for now.',
          },
        ],
        needsFollowUp: false,
        restDays: 0,
      };
    case 'worse': {
      const restDays = config.restDaysAfterWorse;
      const stepped = Math.max(FIRST_LEVEL, level - 1);
      const days = restDays === 1 ? '1 day' : `${restDays} days`;
      return {
        action: 'step_back',
        level: stepped,
        rules: [
          {
            rule: 'follow_up.worse',
            inputs: { answer, levelBefore: level, levelAfter: stepped, restDays },
            reason:
              stepped < level
                ? `As your knee feels worse, rest for ${days}, then go back to level ${stepped}, ${getLevel(stepped).name}.`
                : `As your knee feels worse, rest for ${days}, then carry on gently at level ${stepped}, the first level.`,
          },
        ],
        needsFollowUp: false,
        restDays,
      };
    }
  }
}
