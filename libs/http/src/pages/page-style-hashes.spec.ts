import { createHash } from 'node:crypto';
import { renderActionPage } from './action-page';
import { renderCheckInFormPage } from './check-in-form-page';
import { renderLinkProblemPage } from './link-problem-page';
import { renderOutcomeCheckPage } from './outcome-check-page';
import { pageStyleHashes } from './page-style-hashes';
import { renderResultPage } from './result-page';

function styleHashesIn(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`,
  );
}

const pages = {
  result: renderResultPage({
    organizationName: 'Acme',
    title: 'Done',
    heading: 'Done',
    message: 'All done.',
    tone: 'success',
  }),
  action: renderActionPage({
    organizationName: 'Acme',
    title: 'Pause',
    heading: 'Pause?',
    message: 'Pause your reminders.',
    buttonLabel: 'Pause',
    formAction: '/p/pause/abc',
  }),
  linkProblem: renderLinkProblemPage({ kind: 'expired', forReport: false }),
  checkIn: renderCheckInFormPage({
    organizationName: 'Acme',
    firstName: 'Sam',
    levelName: 'Level 1',
    formAction: '/p/check-in/abc',
    submissionId: '0b7c6a8e-3f1d-4c2a-9e4b-5d6f7a8b9c0d',
    defaultMinutes: 5,
    days: [{ date: '2027-05-05', label: 'Today', logged: false, preselected: true }],
    support: { holdOn: true, advice: 'Hold a rail.' },
  }),
  outcome: renderOutcomeCheckPage({
    organizationName: 'Acme',
    firstName: 'Sam',
    week: 0,
    knownActivities: [],
    globalChangeOptions: [['much_better', 'Much better']],
    formAction: '/p/outcome-baseline/abc',
    openUntil: 'Monday 18 January',
    timepoint: 'baseline',
  }),
};

describe('pageStyleHashes', () => {
  it.each(Object.entries(pages))('lists the hash of the one <style> of the %s page', (_kind, html) => {
    const found = styleHashesIn(html);
    expect(found).toHaveLength(1);
    expect(pageStyleHashes()).toContain(found[0]);
  });

  it('gives one distinct hash per kind of page style', () => {
    expect(new Set(pageStyleHashes()).size).toBe(pageStyleHashes().length);
  });
});
