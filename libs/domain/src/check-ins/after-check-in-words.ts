import { SAFETY_STOP } from '../programme/safety';
import { isRedFlagRule, type RuleHit } from './decision';

/** A rule that fired, as far as the words need it: which one, and on what values. */
export type FiredRule = Pick<RuleHit, 'rule' | 'inputs'>;

/** What a participant reads after a check-in or a morning answer that held or stopped them. */
export interface AfterCheckInWords {
  heading: string;
  /** Short paragraphs: what they told us and what it means, then what happens now. Each thing once. */
  paragraphs: string[];
  /** Practical points under their own titles (what to do, what to watch for, when to stop). */
  sections: { title: string; items: string[] }[];
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const num = (value: unknown): string => (typeof value === 'number' ? String(value) : '?');

/** Each red flag as a clause after "You told us": said once, without the consequence. */
function redFlagClause(hit: FiredRule): string | null {
  if (!isRedFlagRule(hit.rule)) return null;
  const morning = hit.inputs.source === 'follow_up' ? ' the morning after' : '';
  switch (hit.rule) {
    case 'red_flag.fall':
      return 'you fell';
    case 'red_flag.sharp_pain':
      return `the pain was sharp${morning}`;
    case 'red_flag.pain_6_plus':
      return `your knee hurt ${num(hit.inputs.painDuring)} out of 10`;
    case 'red_flag.swelling':
      return `your knee was swollen${morning}`;
    case 'red_flag.dizziness':
      return 'you felt dizzy';
    case 'red_flag.knee_gave_way':
      return `your knee gave way${morning}`;
    case 'red_flag.follow_up_warning_sign':
      return 'your knee was swollen, had sharp pain or gave way the morning after';
  }
}

/** The plain facts of a stop, for the safety email's list and the stop page. */
export function redFlagFacts(rules: readonly FiredRule[]): string[] {
  return rules.map(redFlagClause).filter((clause): clause is string => clause !== null);
}

/**
 * The stop page: what they told us once, why it means stopping once, what we did (the coach has
 * been told), what to do now and when to get help at once. The safety email says the same, from
 * the same words (SAFETY_STOP).
 */
export function stopWords(rules: readonly FiredRule[]): AfterCheckInWords {
  const facts = redFlagFacts(rules);
  const told =
    facts.length === 0
      ? `What you told us means ${SAFETY_STOP.checkFirst}.`
      : `You told us ${joinAnd(facts)}. ${facts.length === 1 ? 'That means' : 'Any one of these means'} ${SAFETY_STOP.checkFirst}.`;
  return {
    heading: 'Please stop retro walking for now',
    paragraphs: [told, SAFETY_STOP.paused],
    // The signs that need help at once come first: someone who hit their head must not scroll for them.
    sections: [
      { title: SAFETY_STOP.urgentTitle, items: [...SAFETY_STOP.urgent] },
      { title: 'What to do now', items: [...SAFETY_STOP.whatToDo] },
    ],
  };
}

const PAIN_ADVICE = [
  'Rest today: no more retro walking until you have answered that question.',
  'Watch for swelling, heat or redness around the knee, sharp pain, or the knee giving way.',
  'If any of these happens, or the pain gets worse instead of settling, stop and tell us: tap "It is worse" in tomorrow\'s email. If it is severe, get medical help.',
];

/**
 * The page after a hold (pain 4-5, a jump in pain, a near fall): what we heard and what it means
 * in one paragraph, the next-morning question once, and the practical advice once.
 */
export function holdWords(rules: readonly FiredRule[], levelTitle: string): AfterCheckInWords {
  const pain = rules.find((r) => r.rule === 'hold.pain_4_5');
  const jump = rules.find((r) => r.rule === 'hold.pain_jump');
  const nearFall = rules.some((r) => r.rule === 'hold.near_fall');
  const heard: string[] = [];
  if (pain !== undefined || jump !== undefined) {
    const score = num((pain ?? jump)!.inputs.painDuring);
    const rise = jump === undefined ? '' : `, up from ${num(jump.inputs.previousPainDuring)} last time`;
    heard.push(
      pain !== undefined
        ? `Your knee hurt ${score} out of 10 during the walk${rise}. That is more than we want, though not a reason to stop.`
        : `Your knee hurt ${score} out of 10 during the walk${rise}: a rise we want to keep an eye on.`,
    );
  }
  if (nearFall)
    heard.push('You nearly fell, so the level asked a little more of your balance than it should.');
  const sections: AfterCheckInWords['sections'] = [];
  if (pain !== undefined || jump !== undefined)
    sections.push({ title: 'Until then', items: [...PAIN_ADVICE] });
  if (nearFall) {
    sections.push({
      title: 'Next time',
      items: [
        'Clear the space behind you and keep your support within reach.',
        'If you fall or feel dizzy, stop and tell us in your check-in.',
      ],
    });
  }
  return {
    heading: 'Thanks. Stay at this level for now',
    paragraphs: [
      ...heard,
      `You stay on ${levelTitle}. Tomorrow morning we will email you to ask how your knee feels, and your answer decides the next step.`,
    ],
    sections,
  };
}
