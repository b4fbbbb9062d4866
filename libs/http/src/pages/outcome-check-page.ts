import { escapeHref, escapeHtml } from '@retrowalk/mail';
import { renderPageShell } from './page-layout';

export interface OutcomeCheckPageModel {
  organizationName: string;
  firstName: string;
  /** Before the programme, or `week` weeks in. */
  timepoint: 'baseline' | 'dose_end' | 'follow_up';
  week: number;
  /** Activities named before: asked about again by name. None: the person may name up to three. */
  knownActivities: readonly string[];
  /** The 7-point rating of change, from the end-of-dose check on: [value, label], worst first. */
  globalChangeOptions: readonly (readonly [value: string, label: string])[];
  /** Where the form POSTs: a path on this site, token included. */
  formAction: string;
  /** The last day the check can be answered, e.g. "Monday 18 January". */
  openUntil: string;
}

const NEW_ACTIVITIES = 3;
const MAX_ACTIVITY_LENGTH = 60;

function scaleHtml(name: string, labelledBy: string, required: boolean): string {
  const options = Array.from(
    { length: 11 },
    (_, n) =>
      `<label><input type="radio" name="${name}" value="${n}"${required ? ' required' : ''}><span>${n}</span></label>`,
  );
  return `<div class="scale" role="radiogroup" aria-labelledby="${labelledBy}">\n${options.join('\n')}\n</div>`;
}

function knownActivitiesHtml(names: readonly string[]): string {
  const items = names.map(
    (name, i) =>
      `<fieldset class="activity"><legend id="score${i}-label">${escapeHtml(name)}</legend>\n${scaleHtml(`score${i}`, `score${i}-label`, true)}\n</fieldset>`,
  );
  return `<section class="question" aria-labelledby="q-activities">
<h2 id="q-activities">How well can you do these today?</h2>
<p class="hint">The activities you named at the start. 0 means you cannot do it at all, 10 means as well as before your knee trouble.</p>
${items.join('\n')}
</section>`;
}

function newActivitiesHtml(): string {
  const rows = Array.from(
    { length: NEW_ACTIVITIES },
    (_, i) => `<div class="activity">
<label class="field-label" for="activity${i}">Activity ${i + 1} <span class="optional">(optional)</span></label>
<input type="text" id="activity${i}" name="activity${i}" maxlength="${MAX_ACTIVITY_LENGTH}" autocomplete="off" enterkeyhint="next">
<p class="sub" id="score${i}-label">How well can you do it today?</p>
${scaleHtml(`score${i}`, `score${i}-label`, false)}
</div>`,
  );
  return `<section class="question" aria-labelledby="q-activities">
<h2 id="q-activities">Which everyday activities does your knee make hard?</h2>
<p class="hint">Name up to three, such as climbing stairs, getting up from a chair or kneeling in the garden, and rate each: 0 means you cannot do it at all, 10 means as well as before your knee trouble. Leave them empty if none comes to mind.</p>
${rows.join('\n')}
</section>`;
}

function globalChangeHtml(options: OutcomeCheckPageModel['globalChangeOptions']): string {
  const choices = options.map(
    ([value, label]) =>
      `<label class="choice"><input type="radio" name="globalChange" value="${escapeHtml(value)}" required><span>${escapeHtml(label)}</span></label>`,
  );
  return `<fieldset class="question">
<legend>Compared with before the programme, how is your knee now?</legend>
<div class="choices">
${choices.join('\n')}
</div>
</fieldset>`;
}

// Only what this page adds to the shared participant stylesheet.
const STYLE = `
.question { margin: 36px 0 0; padding: 0; border: 0; min-width: 0; }
.question h2, .question > legend { display: block; margin: 0 0 10px; padding: 0; font-size: 21px; font-weight: 700; line-height: 1.3; }
.activity { margin: 24px 0 0; padding: 0; border: 0; min-width: 0; }
.activity legend, .sub { display: block; margin: 0 0 10px; padding: 0; font-size: 18px; font-weight: 700; }
.sub { margin: 14px 0 10px; font-weight: 600; }
.activity input[type=text] { display: block; width: 100%; min-height: 52px; padding: 10px 12px; border: 2px solid var(--line); border-radius: 10px; background: var(--card); color: var(--text); font: inherit; }
`
  .trim()
  .replace(/\n\s*/g, ' ');
/** Exactly what the page adds after the shared stylesheet (exported for the style's CSP hash). */
export const OUTCOME_CHECK_EXTRA_STYLE = ` ${STYLE}`;

/**
 * An outcome check on one phone screen after another: average knee pain over the last 7 days
 * (0-10), the Patient-Specific Functional Scale (up to three activities the person names, each
 * 0-10; later checks ask about the same ones by name), and from the end-of-dose check on, the
 * global rating of change. Plain HTML: the browser asks for the required answers, the server
 * checks everything again.
 */
export function renderOutcomeCheckPage(model: OutcomeCheckPageModel): string {
  const baseline = model.timepoint === 'baseline';
  const heading = baseline
    ? `Before you start: how is your knee, ${model.firstName}?`
    : `Week ${model.week}: how is your knee now, ${model.firstName}?`;
  const intro = baseline
    ? 'Two short questions, about two minutes. Later in the programme we ask again and show you what changed.'
    : 'Three short questions, about two minutes. Then we show you how your knee compares with when you started.';
  const bodyHtml = `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(intro)}</p>
<form method="post" action="${escapeHref(model.formAction, 'absolute-or-path')}" class="outcome-check">
<fieldset class="question" aria-describedby="pain-hint">
<legend id="pain-label">On average, how much has your knee hurt over the last 7 days?</legend>
<p class="hint" id="pain-hint">0 means no pain at all, 10 the worst pain you can imagine.</p>
${scaleHtml('pain', 'pain-label', true)}
</fieldset>
${model.knownActivities.length > 0 ? knownActivitiesHtml(model.knownActivities) : newActivitiesHtml()}
${baseline ? '' : globalChangeHtml(model.globalChangeOptions)}
<button type="submit" class="button send">Send my answers</button>
</form>
<p class="note">You can answer until ${escapeHtml(model.openUntil)}. Your own answers are seen by you and your coach at ${escapeHtml(model.organizationName)}; reports for anyone else only show groups of at least five people.</p>`;
  return renderPageShell({
    title: baseline ? 'How is your knee?' : `Week ${model.week}: how is your knee?`,
    organizationName: model.organizationName,
    tone: 'neutral',
    bodyHtml,
    extraStyle: OUTCOME_CHECK_EXTRA_STYLE,
  });
}
