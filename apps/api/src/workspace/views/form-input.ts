import { type Flash } from './workspace-layout';

/** A text field of a form: trimmed, line breaks kept, at most `max` characters; null when empty. */
export function formText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  // NUL and other control characters (but tabs and line breaks) never belong in a note.
  const cleaned = [...value]
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return (code >= 32 && code !== 127) || ch === '\t' || ch === '\n' || ch === '\r';
    })
    .join('')
    .trim();
  return cleaned === '' ? null : cleaned.slice(0, max);
}

/** What a page says after a POST sent the member back to it (`?done=`): fixed words, never echoed input. */
const DONE: Record<string, Flash> = {
  acknowledged: { tone: 'success', text: 'Acknowledged. Your note is kept with the item.' },
  cleared: {
    tone: 'success',
    text: 'Cleared. The programme has restarted and the participant has been emailed.',
  },
  paused: { tone: 'success', text: 'Paused. No reminders go out until you or they resume.' },
  resumed: { tone: 'success', text: 'Resumed. The next reminder is scheduled.' },
  noted: { tone: 'success', text: 'Note added to the timeline.' },
};

export function flashFor(done: unknown): Flash | null {
  return typeof done === 'string' ? (DONE[done] ?? null) : null;
}
