import { renderTonedPage } from './result-page';

/** invalid: forged or damaged; expired: too old; gone: the person's data was erased since. */
export type LinkProblemKind = 'invalid' | 'expired' | 'gone';

export interface LinkProblemPageModel {
  kind: LinkProblemKind;
  /** Unknown when the token was too broken to tell whose link it was. */
  organizationName?: string;
  /** A manager's report link rather than a participant's email link. */
  forReport?: boolean;
}

/**
 * For a participant link that fails its signature check or is past its expiry. It never says which
 * check failed or shows the token: the person can do nothing with that, and it would help a forger.
 */
export function renderLinkProblemPage(model: LinkProblemPageModel): string {
  const from = model.organizationName ?? 'us';
  const contact = model.organizationName ?? 'the people who run your programme';
  const nextSteps = model.forReport
    ? ['Report links work for one hour. Ask for a new link through the API (POST /v1/reports/cohort/link).']
    : [
        `Please open the newest email from ${from} and use the link in it.`,
        `Still not working? Contact ${contact}. They will help you.`,
      ];
  if (model.kind === 'gone') {
    return renderTonedPage({
      title: 'Link no longer works',
      heading: 'This link no longer works',
      message: [
        'The details this link belonged to have been deleted, so there is nothing more to do here.',
        'If you would like to join the programme again, please contact the people who run it.',
      ],
      organizationName: model.organizationName,
      tone: 'info',
    });
  }
  const content =
    model.kind === 'expired'
      ? {
          title: 'Link expired',
          heading: 'This link has expired',
          message: [
            'To keep your details safe, the links in our emails only work for a limited time.',
            ...nextSteps,
          ],
        }
      : {
          title: 'Link not working',
          heading: "This link doesn't work",
          message: [
            'Part of the link may be missing. This can happen when a link is copied, or when an email program changes it.',
            ...nextSteps,
          ],
        };
  return renderTonedPage({ ...content, organizationName: model.organizationName, tone: 'info' });
}
