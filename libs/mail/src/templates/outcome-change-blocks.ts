import { type EmailBlock } from './email-blocks';

/** A person's own change since the start, already in plain words (the domain writes them). */
export interface OutcomeChangeWords {
  pain: string;
  activitiesIntro: string | null;
  activities: readonly string[];
  activitiesSummary: string | null;
  /** The closing sentence; when `seeProfessional`, it asks them to see a GP or physiotherapist. */
  closing: string | null;
  seeProfessional: boolean;
}

/** The change as email blocks: pain, the activities as a list, and a plain closing line. */
export function outcomeChangeBlocks(words: OutcomeChangeWords): EmailBlock[] {
  const blocks: EmailBlock[] = [{ kind: 'paragraph', text: words.pain }];
  if (words.activitiesIntro !== null && words.activities.length > 0) {
    blocks.push({ kind: 'paragraph', text: words.activitiesIntro });
    blocks.push({ kind: 'list', items: words.activities });
    if (words.activitiesSummary !== null) blocks.push({ kind: 'paragraph', text: words.activitiesSummary });
  }
  if (words.closing !== null) {
    blocks.push(
      words.seeProfessional
        ? { kind: 'callout', tone: 'safety', title: 'Please get your knee checked', lines: [words.closing] }
        : { kind: 'paragraph', text: words.closing },
    );
  }
  return blocks;
}
