import { createHash } from 'node:crypto';
import { REPORT_EXTRA_STYLE } from '../reports/report-page-style';
import { CHECK_IN_EXTRA_STYLE } from './check-in-form-page';
import { OUTCOME_CHECK_EXTRA_STYLE } from './outcome-check-page';
import { pageStyleOf } from './page-layout';

/**
 * The Content-Security-Policy sources (`'sha256-…'`) of every `<style>` element a participant,
 * outcome or report page can carry: these pages keep their one stylesheet inline (one request on a
 * weak phone signal), and the policy allows exactly these texts and no other inline style. A page
 * kind that adds its own `extraStyle` must be listed here (page-style-hashes.spec.ts checks it).
 */
export function pageStyleHashes(): string[] {
  return [undefined, CHECK_IN_EXTRA_STYLE, OUTCOME_CHECK_EXTRA_STYLE, REPORT_EXTRA_STYLE].map(
    (extra) => `'sha256-${createHash('sha256').update(pageStyleOf(extra), 'utf8').digest('base64')}'`,
  );
}
