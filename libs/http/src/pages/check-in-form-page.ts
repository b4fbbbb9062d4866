import { escapeHref, escapeHtml } from '@retrowalk/mail';
import { renderPageShell } from './page-layout';

export interface CheckInFormPageModel {
  organizationName: string;
  firstName: string;
  /** For example "Supported start (Level 1)". */
  levelName: string;
  /** Where the form POSTs: an absolute http(s) URL or a path on this site, token included. */
  formAction: string;
  /** Sent back as the hidden `submission` field, so a double tap on "Send" records one walk. */
  submissionId: string;
  /** Pre-filled in the minutes box. */
  defaultMinutes: number;
  /** "Which day was the walk?": today, yesterday and maybe the reminder's day (checkInDayChoices). */
  days: readonly { date: string; label: string; logged: boolean; preselected: boolean }[];
  /**
   * The level's support advice. Where it is to hold on, holding on is the plan, not something that
   * went wrong, so it is asked apart from the warning signs and ticked already.
   */
  support: { holdOn: boolean; advice: string };
}

const MAX_MINUTES = 300;

const PAIN_TYPES: readonly (readonly [value: string, label: string])[] = [
  ['none', 'No pain'],
  ['muscle_effort', "My thigh muscles working — that's normal"],
  ['aching', 'An ache in the knee'],
  ['sharp', 'Sharp pain'],
];

// Holding on is not among them: it is its own question (see supportHtml).
const RED_FLAGS: readonly (readonly [name: string, label: string])[] = [
  ['nearFall', 'I nearly fell'],
  ['fall', 'I fell'],
  ['swelling', 'My knee swelled up'],
  ['kneeGaveWay', 'My knee gave way'],
  ['dizziness', 'I felt dizzy'],
];

function minutesValue(minutes: number): string {
  if (!Number.isFinite(minutes)) return '';
  return String(Math.min(MAX_MINUTES, Math.max(0, Math.round(minutes))));
}

function painScaleHtml(): string {
  const options = Array.from(
    { length: 11 },
    (_, pain) =>
      `<label><input type="radio" name="painDuring" value="${pain}" required><span>${pain}</span></label>`,
  );
  return `<div class="scale">\n${options.join('\n')}\n</div>`;
}

function choiceHtml(
  type: 'radio' | 'checkbox',
  name: string,
  value: string,
  label: string,
  options: { checked?: boolean; badge?: string } = {},
): string {
  const required = type === 'radio' ? ' required' : '';
  const checked = options.checked === true ? ' checked' : '';
  const badge = options.badge === undefined ? '' : ` <span class="badge">${escapeHtml(options.badge)}</span>`;
  return (
    `<label class="choice"><input type="${type}" name="${name}" value="${escapeHtml(value)}"${required}${checked}>` +
    `<span>${escapeHtml(label)}${badge}</span></label>`
  );
}

function daysHtml(days: CheckInFormPageModel['days']): string {
  const choices = days.map((day) =>
    choiceHtml('radio', 'day', day.date, day.label, {
      checked: day.preselected,
      ...(day.logged ? { badge: 'already logged' } : {}),
    }),
  );
  const note = days.some((day) => day.logged)
    ? `\n<p class="hint" id="day-note">A day marked “already logged” has a walk. Choose it only if you walked again that day.</p>`
    : '';
  return `<fieldset${note === '' ? '' : ' aria-describedby="day-note"'}>
<legend>Which day was the walk?</legend>${note}
<div class="choices">
${choices.join('\n')}
</div>
</fieldset>`;
}

function supportHtml(support: CheckInFormPageModel['support']): string {
  const label = support.holdOn
    ? 'I kept a hand on support, as this level asks'
    : 'I held on to something for support';
  return `<fieldset aria-describedby="support-note">
<legend>Holding on</legend>
<p class="hint" id="support-note">${escapeHtml(support.advice)}</p>
<div class="choices">
${choiceHtml('checkbox', 'usedSupport', 'yes', label, { checked: support.holdOn })}
</div>
</fieldset>`;
}

/** What this page adds to the shared stylesheet (exported for the style's CSP hash). */
export const CHECK_IN_EXTRA_STYLE =
  ' .badge { display: inline-block; margin: 2px 0 0 6px; padding: 0 8px; border: 1px solid var(--line);' +
  ' border-radius: 999px; color: var(--muted); font-size: 15px; font-weight: 700; white-space: nowrap; }';

/**
 * The "log today's walk" form behind the link in each reminder. Plain HTML only: the radios carry
 * `required`, so the browser itself asks for the two answers the check-in cannot do without, and the
 * server re-checks everything it receives.
 */
export function renderCheckInFormPage(model: CheckInFormPageModel): string {
  const painTypes = PAIN_TYPES.map(([value, label]) => choiceHtml('radio', 'painType', value, label));
  const redFlags = RED_FLAGS.map(([name, label]) => choiceHtml('checkbox', name, 'yes', label));
  const bodyHtml = `<h1>How did your walk go, ${escapeHtml(model.firstName)}?</h1>
<p class="level">Your level: <strong>${escapeHtml(model.levelName)}</strong></p>
<form method="post" action="${escapeHref(model.formAction, 'absolute-or-path')}" class="check-in">
<input type="hidden" name="submission" value="${escapeHtml(model.submissionId)}">
${daysHtml(model.days)}
<div class="field">
<label class="field-label" for="durationMinutes">How many minutes did you walk backwards?</label>
<div class="minutes"><input type="number" id="durationMinutes" name="durationMinutes" inputmode="numeric" min="0" max="${MAX_MINUTES}" step="1" value="${minutesValue(model.defaultMinutes)}" required><span>minutes</span></div>
</div>
<fieldset aria-describedby="pain-scale">
<legend>How much did your knee hurt during the walk?</legend>
<p class="hint" id="pain-scale">0 means no pain. 1 to 3 is mild, and that's fine. 4 or 5 is moderate. 6 or more is strong.</p>
${painScaleHtml()}
</fieldset>
<fieldset>
<legend>What did it feel like?</legend>
<div class="choices">
${painTypes.join('\n')}
</div>
</fieldset>
${supportHtml(model.support)}
<fieldset aria-describedby="red-flags-note">
<legend>Did any of these happen?</legend>
<p class="hint" id="red-flags-note">Tick any that did. If so, we'll tell you what to do next.</p>
<div class="choices">
${redFlags.join('\n')}
</div>
</fieldset>
<div class="field">
<label class="field-label" for="notes">Anything else? <span class="optional">(optional)</span></label>
<textarea id="notes" name="notes" maxlength="1000" rows="3"></textarea>
</div>
<button type="submit" class="button send">Send</button>
</form>`;
  return renderPageShell({
    title: 'Log a walk',
    organizationName: model.organizationName,
    tone: 'neutral',
    bodyHtml,
    extraStyle: CHECK_IN_EXTRA_STYLE,
  });
}
