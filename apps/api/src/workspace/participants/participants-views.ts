import { type EnrollmentListEntry } from '@retrowalk/application';
import { AUDIENCES, type EnrollmentStatus, TOP_LEVEL } from '@retrowalk/domain';
import { html, type Html, query } from '@retrowalk/web';
import { ago, iso } from '../views/time-words';
import { ATTENTION_WORDS, AUDIENCE_WORDS, nameOf, STATUS_WORDS } from '../views/workspace-words';

export const LISTED_STATUSES: readonly Exclude<EnrollmentStatus, 'erased'>[] = [
  'needs_clearance',
  'active',
  'paused',
  'pending_confirmation',
  'completed',
  'unsubscribed',
];

export type ParticipantSort = 'name' | 'last_walk' | 'created';

export interface ParticipantsFilters {
  q: string;
  status: string;
  level: string;
  audience: string;
  sort: ParticipantSort;
}

export interface ParticipantsPageModel {
  filters: ParticipantsFilters;
  entries: EnrollmentListEntry[];
  /** The page's addresses mail no longer reaches (the organisation's suppression list). */
  suppressed: ReadonlySet<string>;
  nextCursor: string | null;
  firstPage: boolean;
  now: Date;
}

function options(values: readonly string[], chosen: string, label: (v: string) => string, any: string): Html {
  return html`<option value="">${any}</option>
    ${values.map((v) => html`<option value="${v}" ${v === chosen ? ' selected' : ''}>${label(v)}</option>`)}`;
}

function filtersForm(f: ParticipantsFilters): Html {
  const levels = Array.from({ length: TOP_LEVEL }, (_, i) => String(i + 1));
  return html`<form method="get" action="/coach/participants" class="filters js-autosubmit" role="search">
    <div class="search">
      <label for="q">Search</label
      ><input
        id="q"
        name="q"
        type="search"
        value="${f.q}"
        maxlength="100"
        placeholder="Name, email or your id"
      />
    </div>
    <div>
      <label for="status">Status</label
      ><select id="status" name="status">
        ${options(LISTED_STATUSES, f.status, (s) => STATUS_WORDS[s as EnrollmentStatus].label, 'Any status')}
      </select>
    </div>
    <div>
      <label for="level">Level</label
      ><select id="level" name="level">
        ${options(levels, f.level, (l) => `Level ${l}`, 'Any level')}
      </select>
    </div>
    <div>
      <label for="audience">Group</label
      ><select id="audience" name="audience">
        ${options(AUDIENCES, f.audience, (a) => AUDIENCE_WORDS[a] ?? a, 'Any group')}
      </select>
    </div>
    <div>
      <label for="sort">Sort by</label
      ><select id="sort" name="sort">
        <option value="name" ${f.sort === 'name' ? ' selected' : ''}>Name</option>
        <option value="last_walk" ${f.sort === 'last_walk' ? ' selected' : ''}>Last walk</option>
        <option value="created" ${f.sort === 'created' ? ' selected' : ''}>Newest</option>
      </select>
    </div>
    <div class="apply"><button type="submit" class="button wide">Apply</button></div>
  </form>`;
}

function row(entry: EnrollmentListEntry, now: Date, suppressed: ReadonlySet<string>): Html {
  const e = entry.enrollment;
  const status = STATUS_WORDS[e.status];
  const name = nameOf(e.firstName);
  return html`<li class="card person">
    <div class="name"><a href="/coach/participants/${e.id}">${name}</a></div>
    <div><span class="badge ${status.tone}">${status.label}</span></div>
    <div class="meta">Level ${e.level}</div>
    <div class="meta">
      <span class="cell-label">Last walk: </span>${
        e.lastWalkAt
          ? html`<time datetime="${iso(e.lastWalkAt)}">${ago(e.lastWalkAt, now)}</time>`
          : 'none yet'
      }
    </div>
    <div class="meta badges">
      ${
        entry.openAttention.length === 0
          ? html`<span class="muted">Nothing open</span>`
          : entry.openAttention.map(
              (k) => html`<span class="badge ${ATTENTION_WORDS[k].tone}">${ATTENTION_WORDS[k].label}</span>`,
            )
      }
    </div>
    <div class="meta">
      ${e.email}${e.externalId ? html` · ${e.externalId}` : ''}${
        suppressed.has(e.email) ? html` <span class="badge danger">Emails not reaching them</span>` : ''
      }
    </div>
  </li>`;
}

/** Participants: find someone by name, email or your own id; filter; page through. */
export function participantsPage(model: ParticipantsPageModel): Html {
  const f = model.filters;
  const same = { q: f.q, status: f.status, level: f.level, audience: f.audience, sort: f.sort };
  return html`<h1>Participants</h1>
    <p class="lead">Search by name, email or your own id. Open someone to read their story and act.</p>
    ${filtersForm(f)}
    ${
      model.entries.length === 0
        ? html`<div class="card empty">
            <p><strong>No one matches.</strong></p>
            <p>Try fewer letters, or another filter.</p>
          </div>`
        : html`<div class="people-head" aria-hidden="true">
              <span>Name</span><span>Status</span><span>Level</span><span>Last walk</span
              ><span>Open items</span>
            </div>
            <ul class="people">
              ${model.entries.map((entry) => row(entry, model.now, model.suppressed))}
            </ul>`
    }
    <div class="pager">
      ${model.firstPage ? '' : html`<a href="/coach/participants${query(same)}">Back to the start</a>`}${
        model.nextCursor
          ? html`<a
              class="button secondary"
              href="/coach/participants${query({ ...same, cursor: model.nextCursor })}"
              >Next page</a
            >`
          : ''
      }
    </div>`;
}
