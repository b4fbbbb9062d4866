import { type ParticipantStory } from '@retrowalk/application';
import { describeRuleForCoach, getLevel } from '@retrowalk/domain';
import { type CheckInEntity, type DecisionEntity } from '@retrowalk/persistence';
import { when } from '../views/time-words';
import { ATTENTION_WORDS, nameOf, type Tone } from '../views/workspace-words';
import { MESSAGE_NAMES, messageStatusWords } from './message-words';

/** One line of a participant's story, in plain words. */
export interface StoryEntry {
  at: Date;
  /** Participant-local time, as the page shows it. */
  when: string;
  title: string;
  lines: string[];
  /** Someone's own words (a note, a clearance), shown as a quote. */
  quote: string | null;
  tone: Tone;
  /** Routine (an email scheduled or sent): shown quieter than walks and decisions. */
  minor: boolean;
}

const PAIN_TYPE_WORDS: Record<string, string> = {
  none: 'no pain',
  muscle_effort: 'thigh muscles working',
  aching: 'aching',
  sharp: 'sharp',
};

const FLAG_WORDS: [string, string][] = [
  ['fall', 'fell'],
  ['nearFall', 'nearly fell'],
  ['kneeGaveWay', 'knee gave way'],
  ['swelling', 'swelling'],
  ['dizziness', 'dizzy'],
  ['usedSupport', 'used support'],
];

const ACTION_WORDS: Record<string, { text: (d: DecisionEntity) => string; tone: Tone }> = {
  stop: { text: () => 'Safety stop: programme stopped, coach alerted', tone: 'danger' },
  hold: { text: (d) => `Held at level ${d.levelAfter}`, tone: 'warning' },
  step_back: { text: (d) => `Stepped back to level ${d.levelAfter}`, tone: 'warning' },
  progress: { text: (d) => `Moved up to level ${d.levelAfter}`, tone: 'good' },
  carry_on: { text: () => 'Carry on as planned', tone: 'neutral' },
};

const FOLLOW_UP_WORDS: Record<string, string> = {
  settled: 'the knee had settled',
  same: 'the knee felt about the same',
  worse: 'the knee felt worse',
};

/** What closed an item (the AttentionEventType stored with it). */
const CLOSED_BY_WORDS: Record<string, string> = {
  cleared: 'cleared to resume',
  walk_logged: 'a walk was logged',
  follow_up_answered: 'they answered',
  paused: 'the programme was paused',
  unsubscribed: 'they unsubscribed',
  completed: 'the programme was complete',
  erased: 'their data was erased',
  delivered: 'emails arrive again',
};

function walkTitle(c: CheckInEntity): string {
  const minutes = typeof c.report.durationMinutes === 'number' ? `${c.report.durationMinutes} min` : null;
  const metres = typeof c.report.distanceMeters === 'number' ? `${c.report.distanceMeters} m` : null;
  const amount = [minutes, metres].filter(Boolean).join(', ');
  return `Walked${amount ? ` ${amount}` : ''} at level ${c.level}`;
}

function walkLines(c: CheckInEntity): string[] {
  const pain = typeof c.report.painDuring === 'number' ? c.report.painDuring : null;
  const type = typeof c.report.painType === 'string' ? PAIN_TYPE_WORDS[c.report.painType] : undefined;
  const flags = FLAG_WORDS.filter(([key]) => c.report[key] === true).map(([, words]) => words);
  return [
    ...(pain === null ? [] : [`Pain ${pain} out of 10${type ? ` (${type})` : ''}`]),
    ...(flags.length > 0 ? [`Reported: ${flags.join(', ')}`] : []),
  ];
}

function decisionLines(d: DecisionEntity, name: string): string[] {
  return d.rules.map((hit) => describeRuleForCoach(hit, name));
}

function actorName(story: ParticipantStory, d: DecisionEntity, name: string): string {
  switch (d.actorKind) {
    case 'member':
      return story.people.get(d.actorMemberId ?? '')?.name ?? 'a former member';
    case 'api_key':
      return story.people.get(d.actorApiKeyId ?? '')?.name ?? 'an API key';
    case 'participant':
      return `${name} themselves`;
    case null:
      return 'the programme';
  }
}

/**
 * A participant's story for their coach, newest first: walks with their pain and what was decided
 * and why, next-morning answers, clearances with who cleared them, notes, what needed attention,
 * and every email scheduled, sent or not sent (with the reason).
 */
export function storyEntries(story: ParticipantStory): StoryEntry[] {
  const e = story.enrollment;
  const name = nameOf(e.firstName);
  const at = (date: Date) => when(date, e.timezone);
  const entries: StoryEntry[] = [];
  const walkDecisions = new Map(
    story.decisions.filter((d) => d.source === 'check_in' && d.checkInId).map((d) => [d.checkInId!, d]),
  );

  for (const c of story.checkIns) {
    const decision = walkDecisions.get(c.id);
    const action = decision ? ACTION_WORDS[decision.action] : undefined;
    entries.push({
      at: c.performedAt,
      when: at(c.performedAt),
      title: walkTitle(c),
      lines: [
        ...walkLines(c),
        ...(decision && action
          ? [...decisionLines(decision, name), `Decided: ${action.text(decision)}`]
          : []),
      ],
      quote: typeof c.report.notes === 'string' && c.report.notes !== '' ? c.report.notes : null,
      tone: action?.tone ?? 'neutral',
      minor: false,
    });
  }

  for (const d of story.decisions) {
    if (d.source === 'check_in') continue;
    if (d.source === 'follow_up') {
      const checkIn = story.checkIns.find((c) => c.id === d.checkInId);
      const answer = checkIn?.followUpAnswer ? FOLLOW_UP_WORDS[checkIn.followUpAnswer] : 'answered';
      const action = ACTION_WORDS[d.action];
      entries.push({
        at: d.createdAt,
        when: at(d.createdAt),
        title: `Next morning: ${answer}`,
        lines: [...decisionLines(d, name), ...(action ? [`Decided: ${action.text(d)}`] : [])],
        quote: null,
        tone: action?.tone ?? 'neutral',
        minor: false,
      });
      continue;
    }
    const who = actorName(story, d, name);
    entries.push(
      d.action === 'clearance_requested'
        ? {
            at: d.createdAt,
            when: at(d.createdAt),
            title: `${name} says a professional has cleared them`,
            lines: ['Waiting for a coach to confirm: the programme stays stopped until then.'],
            quote: null,
            tone: 'warning',
            minor: false,
          }
        : {
            at: d.createdAt,
            when: at(d.createdAt),
            title: `Cleared to resume, at level ${d.levelAfter} (${getLevel(d.levelAfter).name})`,
            lines: [`Cleared by ${who}.`],
            quote: d.note,
            tone: 'good',
            minor: false,
          },
    );
  }

  for (const n of story.notes) {
    const author = story.people.get(n.memberId ?? n.apiKeyId ?? '')?.name ?? 'a coach';
    entries.push({
      at: n.createdAt,
      when: at(n.createdAt),
      title: `Note by ${author}`,
      lines: [],
      quote: n.text,
      tone: 'info',
      minor: false,
    });
  }

  for (const item of story.attention) {
    const words = ATTENTION_WORDS[item.kind];
    entries.push({
      at: item.openedAt,
      when: at(item.openedAt),
      title: `Needs attention: ${words.label}${item.closedBy ? ` (closed: ${CLOSED_BY_WORDS[item.closedBy] ?? 'its cause is over'})` : ''}`,
      lines: [],
      quote: null,
      tone: words.tone,
      minor: true,
    });
    if (item.acknowledgedAt) {
      const by =
        story.people.get(item.acknowledgedByMemberId ?? item.acknowledgedByApiKeyId ?? '')?.name ?? 'a coach';
      entries.push({
        at: item.acknowledgedAt,
        when: at(item.acknowledgedAt),
        title: `${words.label}: acknowledged by ${by}`,
        lines: [],
        quote: item.note,
        tone: 'neutral',
        minor: false,
      });
    }
  }

  for (const m of story.messages) {
    const status = messageStatusWords(m.status, m.finishedReason, at(m.dueAt));
    const moment = m.sentAt ?? m.createdAt;
    entries.push({
      at: moment,
      when: at(moment),
      title: `${MESSAGE_NAMES[m.kind] ?? m.kind}: ${status.words}`,
      lines: [],
      quote: null,
      tone: status.tone,
      minor: status.tone === 'neutral',
    });
  }

  // Newest first; of what happened at the same instant, the walks and decisions first, then the
  // rest in reverse of the order it was added (the emails a stop caused above the stop).
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        b.entry.at.getTime() - a.entry.at.getTime() ||
        Number(a.entry.minor) - Number(b.entry.minor) ||
        b.index - a.index,
    )
    .map(({ entry }) => entry);
}
