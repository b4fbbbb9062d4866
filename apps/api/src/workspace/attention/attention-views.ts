import { type AttentionListItem } from '@retrowalk/application';
import { ATTENTION_KINDS, type AttentionKind } from '@retrowalk/domain';
import { type AttentionItemEntity } from '@retrowalk/persistence';
import { html, type Html, postForm, query } from '@retrowalk/web';
import { ago, iso } from '../views/time-words';
import { ATTENTION_WORDS, nameOf } from '../views/workspace-words';

export interface AttentionPageModel {
  items: AttentionListItem[];
  counts: Map<AttentionKind, number>;
  kind: AttentionKind | null;
  nextCursor: string | null;
  firstPage: boolean;
  now: Date;
  csrfToken: string;
}

/** Acknowledging asks what was seen or done: the note is kept with who and when. */
export function acknowledgeForm(item: AttentionItemEntity, csrfToken: string, back: string): Html {
  const id = `note-${item.id}`;
  return html`<details class="ack">
    <summary>Acknowledge</summary>
    ${postForm({
      action: `/coach/attention/${item.id}/acknowledge`,
      csrfToken,
      body: html`<input type="hidden" name="back" value="${back}" />
        <label for="${id}">What did you see or do?</label>
        <textarea
          id="${id}"
          name="note"
          required
          maxlength="2000"
          placeholder="e.g. Called them: seeing the physio on Friday."
        ></textarea>
        <button type="submit" class="button">Acknowledge</button>`,
    })}
  </details>`;
}

function itemCard(entry: AttentionListItem, model: AttentionPageModel, back: string): Html {
  const { item } = entry;
  const words = ATTENTION_WORDS[item.kind];
  const name = nameOf(entry.firstName);
  return html`<li class="card item ${words.tone}">
    <div class="item-head">
      <span class="badge ${words.tone}">${words.label}</span>
      <h3><a href="/coach/participants/${item.enrollmentId}">${name}</a></h3>
      <time class="muted" datetime="${iso(item.openedAt)}">${ago(item.openedAt, model.now)}</time>
    </div>
    <p>${words.sentence(name)}</p>
    <p><a href="/coach/participants/${item.enrollmentId}">Open ${name}’s page</a></p>
    ${acknowledgeForm(item, model.csrfToken, back)}
  </li>`;
}

/** Needs attention: the landing page. Most urgent first; each item links to the person. */
export function attentionPage(model: AttentionPageModel): Html {
  const total = [...model.counts.values()].reduce((a, b) => a + b, 0);
  const back = `/coach/attention${query({ kind: model.kind })}`;
  const chips = html`<ul class="chips" aria-label="Show only">
    <li>
      <a href="/coach/attention" ${model.kind === null ? html` aria-current="true"` : ''}>All (${total})</a>
    </li>
    ${ATTENTION_KINDS.filter((k) => (model.counts.get(k) ?? 0) > 0 || k === model.kind).map(
      (k) =>
        html`<li>
          <a href="/coach/attention?kind=${k}" ${model.kind === k ? html` aria-current="true"` : ''}
            >${ATTENTION_WORDS[k].label} (${model.counts.get(k) ?? 0})</a
          >
        </li>`,
    )}
  </ul>`;
  const list =
    model.items.length === 0
      ? html`<div class="card empty">
          <p><strong>Nothing needs attention${model.kind ? ' of this kind' : ''}.</strong></p>
          <p>New safety stops and worries appear here as soon as they happen.</p>
        </div>`
      : html`<ol class="queue">
          ${model.items.map((entry) => itemCard(entry, model, back))}
        </ol>`;
  return html`<h1>Needs attention</h1>
    <p class="lead">
      Most urgent first. Each item closes by itself when its cause is over (a clearance, a walk, an answer),
      or when you acknowledge it.
    </p>
    ${chips} ${list}
    <div class="pager">
      ${model.firstPage ? '' : html`<a href="${back}">Back to the start</a>`}${
        model.nextCursor
          ? html`<a
              class="button secondary"
              href="/coach/attention${query({ kind: model.kind, cursor: model.nextCursor })}"
              >More</a
            >`
          : ''
      }
    </div>`;
}
