import { type FiredRule, stopWords } from '@retrowalk/domain';
import { renderResultPage } from '@retrowalk/http';

/**
 * The page right after a red flag, from a check-in or a next-morning answer. Read by someone
 * shaken, on a small screen: each thing once, in short paragraphs, the safety email holding the rest.
 */
export function renderStopPage(organizationName: string, rules: readonly FiredRule[]): string {
  const words = stopWords(rules);
  return renderResultPage({
    organizationName,
    tone: 'error',
    title: 'Please stop for now',
    heading: words.heading,
    message: [
      ...words.paragraphs,
      'We have emailed you this advice, with the link to use once a professional says you can carry on.',
    ],
    sections: words.sections,
  });
}
