import { type Deliverability, type OutcomeChecksView, type ParticipantStory } from '@retrowalk/application';
import {
  describeReminderSchedule,
  getLevel,
  levelAfterClearance,
  SCREENING_FIELDS,
  type Screening,
} from '@retrowalk/domain';
import { renderOutcomeChecksFragment } from '@retrowalk/http';
import { html, type Html, postForm, raw } from '@retrowalk/web';
import { acknowledgeForm } from '../attention/attention-views';
import { ago, when } from '../views/time-words';
import { ATTENTION_WORDS, AUDIENCE_WORDS, nameOf, STATUS_WORDS } from '../views/workspace-words';
import { type StoryEntry, storyEntries } from './timeline-words';

const SCREENING_WORDS: Record<keyof Screening, string> = {
  severeKneeInjury: 'Severe knee injury',
  acutePain: 'Acute pain',
  balanceDisorder: 'Balance disorder',
  vertigo: 'Vertigo or dizziness',
  recentKneeSurgery: 'Recent knee surgery',
  clinicianClearance: 'Already cleared by a professional',
};

export interface ParticipantPageModel {
  story: ParticipantStory;
  /** Their three outcome checks, side by side (null when the organisation has them off). */
  outcomes: OutcomeChecksView | null;
  /** Whether mail reaches their address (the organisation's suppression list). */
  deliverability: Deliverability | null;
  now: Date;
  csrfToken: string;
  /** A form the member sent that needs fixing, with what to fix. */
  errors?: { clearNote?: string; noteText?: string };
}

function clearBox(model: ParticipantPageModel): Html {
  const { story, csrfToken } = model;
  const e = story.enrollment;
  const name = nameOf(e.firstName);
  const restartLevel =
    e.levelBeforeStop === null ? e.level : levelAfterClearance(e.levelBeforeStop, e.audience);
  const requested = story.attention.some((a) => a.kind === 'clearance_requested' && a.status === 'open');
  const error = model.errors?.clearNote;
  return html`<section class="card clear-box stack" aria-labelledby="clear-title">
    <h2 id="clear-title">Clear ${name} to resume</h2>
    <p>
      ${e.levelBeforeStop === null ? `${name} is waiting for a professional's OK after their screening answers.` : `${name}'s programme is stopped after a red flag.`}
      ${requested ? html` <strong>${name} says a professional has cleared them.</strong>` : ''} Only clear
      them once a doctor or physiotherapist has checked the knee. They restart at level ${restartLevel},
      ${getLevel(restartLevel).name}.
    </p>
    ${postForm({
      action: `/coach/participants/${e.id}/clear`,
      csrfToken,
      body: html`<label for="clear-note">Who cleared them, and when?</label>
        <textarea
          id="clear-note"
          name="note"
          required
          maxlength="2000"
          aria-describedby="clear-hint${error ? ' clear-error' : ''}"
          ${error ? ' aria-invalid="true"' : ''}
        ></textarea>
        <p class="hint" id="clear-hint">
          For example: “Dr Patel, physiotherapist, saw ${name} on 3 March and said retro walking is fine.”
          Shown in the timeline and kept in the audit.
        </p>
        ${error ? html`<p class="error-text" id="clear-error">${error}</p>` : ''}
        <button type="submit" class="button danger wide">Clear to resume</button>`,
    })}
  </section>`;
}

function openItems(model: ParticipantPageModel): Html {
  const { story } = model;
  const open = story.attention.filter((a) => a.status === 'open');
  const name = nameOf(story.enrollment.firstName);
  if (open.length === 0) return html`<p class="muted">Nothing needs attention.</p>`;
  const back = `/coach/participants/${story.enrollment.id}`;
  return html`<ul class="queue">
    ${open.map((item) => {
      const words = ATTENTION_WORDS[item.kind];
      return html`<li class="card item ${words.tone}">
        <div class="item-head">
          <span class="badge ${words.tone}">${words.label}</span
          ><span class="muted">${ago(item.openedAt, model.now)}</span>
        </div>
        <p>${words.sentence(name)}</p>
        ${acknowledgeForm(item, model.csrfToken, back)}
      </li>`;
    })}
  </ul>`;
}

function actions(model: ParticipantPageModel): Html {
  const e = model.story.enrollment;
  const csrfToken = model.csrfToken;
  const pauseOrResume =
    e.status === 'active'
      ? postForm({
          action: `/coach/participants/${e.id}/pause`,
          csrfToken,
          body: html`<p class="muted">Stops reminders until resumed; their progress is kept.</p>
            <button type="submit" class="button secondary wide">Pause the programme</button>`,
        })
      : e.status === 'paused'
        ? postForm({
            action: `/coach/participants/${e.id}/resume`,
            csrfToken,
            body: html`<button type="submit" class="button wide">Resume the programme</button>`,
          })
        : html``;
  const error = model.errors?.noteText;
  return html`<div class="actions">
    ${e.status === 'active' || e.status === 'paused' ? html`<div class="card">${pauseOrResume}</div>` : ''}
    <div class="card">
      ${postForm({
        action: `/coach/participants/${e.id}/notes`,
        csrfToken,
        body: html`<label for="note-text">Add a note</label>
          <textarea
            id="note-text"
            name="text"
            required
            maxlength="4000"
            placeholder="A call, an observation, a plan"
            ${error ? ' aria-invalid="true"' : ''}
          ></textarea>
          ${error ? html`<p class="error-text">${error}</p>` : ''}
          <button type="submit" class="button secondary wide">Add note</button>`,
      })}
    </div>
  </div>`;
}

const SUPPRESSION_WORDS: Record<string, string> = {
  hard_bounce: 'The address bounced',
  complaint: 'They marked an email as spam',
  soft_bounces: 'The mailbox kept refusing mail',
};

/** Why mail may not reach them, where the coach reads the address: only safety email still goes. */
function addressState(model: ParticipantPageModel): Html {
  const e = model.story.enrollment;
  const d = model.deliverability;
  const unconfirmed = e.addressUnconfirmedSince
    ? html`<p class="badges"><span class="badge warning">New address not confirmed yet</span></p>
        <p class="muted">Until they confirm it, only safety emails go to it.</p>`
    : html``;
  if (d?.status !== 'suppressed') return unconfirmed;
  return html`${unconfirmed}
    <p class="badges"><span class="badge danger">Not sent to</span></p>
    <p class="muted">
      ${SUPPRESSION_WORDS[d.reason] ?? d.reason}
      (${when(d.since, e.timezone)}${d.detail ? html`: ${d.detail}` : ''}). Only safety emails go to it: reach
      them another way.
    </p>`;
}

function facts(model: ParticipantPageModel): Html {
  const { story } = model;
  const e = story.enrollment;
  const screening = SCREENING_FIELDS.filter((field) => e.screening[field]);
  return html`<section class="card" id="details">
    <h2>Details</h2>
    <dl class="facts">
      <dt>Email</dt>
      <dd>${e.email}${addressState(model)}</dd>
      ${
        e.externalId
          ? html`<dt>Your id</dt>
              <dd>${e.externalId}</dd>`
          : ''
      }
      <dt>Group</dt>
      <dd>${AUDIENCE_WORDS[e.audience] ?? e.audience}</dd>
      <dt>Reminders</dt>
      <dd>${describeReminderSchedule({ days: e.reminderDays, time: e.reminderTime }, e.timezone)}</dd>
      <dt>Next reminder</dt>
      <dd>${story.nextReminderAt ? when(story.nextReminderAt, e.timezone) : 'none scheduled'}</dd>
      <dt>Enrolled</dt>
      <dd>${when(e.createdAt, e.timezone)}</dd>
      <dt>Screening</dt>
      <dd>
        ${screening.length === 0 ? 'Nothing to report' : screening.map((f) => SCREENING_WORDS[f]).join('; ')}
      </dd>
    </dl>
  </section>`;
}

function timeline(entries: StoryEntry[], timezone: string): Html {
  if (entries.length === 0) return html`<p class="muted">Nothing has happened yet.</p>`;
  return html`<p class="muted">Newest first. Times are the participant’s own (${timezone}).</p>
    <ol class="timeline">
      ${entries.map(
        (entry) =>
          html`<li class="event ${entry.tone}${entry.minor ? ' minor' : ''}">
            <time>${entry.when}</time><span class="what">${entry.title}</span> ${
              entry.lines.length > 0
                ? html`<ul>
                    ${entry.lines.map((line) => html`<li>${line}</li>`)}
                  </ul>`
                : ''
            }
            ${entry.quote ? html`<p class="quote">“${entry.quote}”</p>` : ''}
          </li>`,
      )}
    </ol>`;
}

/** One participant: who they are, what needs doing now, and their story in plain words. */
/** How the knee has changed: the fragment escapes every value itself, and carries no style or script. */
function outcomeChecks(model: ParticipantPageModel): Html | '' {
  const view = model.outcomes;
  if (!view || view.checks.every((c) => c.state === 'not_planned')) return '';
  return html`<section>
    <h2>How the knee has changed</h2>
    ${raw(renderOutcomeChecksFragment(view))}
  </section>`;
}

export function participantPage(model: ParticipantPageModel): Html {
  const e = model.story.enrollment;
  const status = STATUS_WORDS[e.status];
  const name = nameOf(e.firstName);
  return html`<p><a href="/coach/participants">← Participants</a></p>
    <h1>${name}</h1>
    <p class="badges">
      <span class="badge ${status.tone}">${status.label}</span
      ><span class="badge">Level ${e.level}: ${getLevel(e.level).name}</span>${
        e.lastWalkAt
          ? html`<span class="badge">Last walk ${ago(e.lastWalkAt, model.now)}</span>`
          : html`<span class="badge">No walk yet</span>`
      }${
        model.deliverability?.status === 'suppressed'
          ? html`<a class="badge danger" href="#details">Emails not reaching them</a>`
          : ''
      }
    </p>
    <div class="profile">
      <div class="stack">
        ${e.status === 'needs_clearance' ? clearBox(model) : ''}
        <section>
          <h2>Needs attention</h2>
          ${openItems(model)}
        </section>
        ${outcomeChecks(model)}
        <section>
          <h2>Timeline</h2>
          ${timeline(storyEntries(model.story), e.timezone)}
        </section>
      </div>
      <aside class="stack">${actions(model)}${facts(model)}</aside>
    </div>`;
}
