import fc from 'fast-check';
import { FOLLOW_UP_ANSWERS } from '../check-ins/check-in';
import { DECISION_ACTIONS } from '../check-ins/decision';
import { DEFAULT_PROGRAMME_CONFIG } from '../programme/config';
import { ATTENTION_KINDS, TIMED_ATTENTION_KINDS, urgencyOf } from './attention-kind';
import {
  type AttentionEvent,
  attentionChanges,
  FOLLOW_UP_UNANSWERED_AFTER_MS,
  followUpUnansweredDueAt,
  inactiveDueAt,
} from './attention-rules';

const anyEvent: fc.Arbitrary<AttentionEvent> = fc.oneof(
  fc.constantFrom<AttentionEvent>(
    { type: 'activated' },
    { type: 'clearance_requested' },
    { type: 'paused' },
    { type: 'resumed' },
    { type: 'unsubscribed' },
    { type: 'completed' },
    { type: 'erased' },
    { type: 'undeliverable' },
    { type: 'delivered' },
    { type: 'outcome_worse' },
  ),
  fc.record({
    type: fc.constant('walk_logged' as const),
    action: fc.constantFrom(...DECISION_ACTIONS),
    needsFollowUp: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('follow_up_answered' as const),
    answer: fc.constantFrom(...FOLLOW_UP_ANSWERS),
    action: fc.constantFrom(...DECISION_ACTIONS),
  }),
  fc.record({
    type: fc.constant('cleared' as const),
    by: fc.constantFrom('member' as const, 'api_key' as const, 'participant' as const),
  }),
  fc.record({ type: fc.constant('timer_due' as const), kind: fc.constantFrom(...TIMED_ATTENTION_KINDS) }),
);

describe('attention kinds', () => {
  it('are ordered most urgent first, a safety stop before everything', () => {
    expect(ATTENTION_KINDS[0]).toBe('safety_stop');
    expect(urgencyOf('safety_stop')).toBeLessThan(urgencyOf('clearance_requested'));
    expect(urgencyOf('clearance_requested')).toBeLessThan(urgencyOf('pain_worse'));
    expect(urgencyOf('pain_worse')).toBeLessThan(urgencyOf('follow_up_unanswered'));
    expect(urgencyOf('follow_up_unanswered')).toBeLessThan(urgencyOf('inactive'));
    expect(new Set(ATTENTION_KINDS.map(urgencyOf)).size).toBe(ATTENTION_KINDS.length);
  });
});

describe('attentionChanges', () => {
  it('never opens and closes the same kind, nor starts and stops the same timer, in one event', () => {
    fc.assert(
      fc.property(anyEvent, (event) => {
        const c = attentionChanges(event);
        expect(c.open.filter((k) => c.close.includes(k))).toEqual([]);
        expect(c.startTimers.filter((k) => c.stopTimers.includes(k))).toEqual([]);
        for (const kind of [...c.open, ...c.close]) expect(ATTENTION_KINDS).toContain(kind);
        expect(new Set(c.open).size).toBe(c.open.length);
      }),
    );
  });

  it('opens a safety stop whenever a walk or an answer stops the programme, and stops every timer', () => {
    fc.assert(
      fc.property(anyEvent, (event) => {
        if (!('action' in event) || event.action !== 'stop') return;
        const c = attentionChanges(event);
        expect(c.open[0]).toBe('safety_stop');
        expect(c.stopTimers).toEqual(expect.arrayContaining(['inactive', 'follow_up_unanswered']));
        expect(c.startTimers).toEqual([]);
      }),
    );
  });

  it('closes inactive with every walk that does not stop, and starts the week again', () => {
    for (const action of DECISION_ACTIONS.filter((a) => a !== 'stop')) {
      expect(attentionChanges({ type: 'walk_logged', action, needsFollowUp: false })).toEqual({
        open: [],
        close: ['inactive'],
        startTimers: ['inactive'],
        stopTimers: [],
      });
    }
  });

  it('waits for the answer only when the walk asked the next-morning question', () => {
    expect(
      attentionChanges({ type: 'walk_logged', action: 'hold', needsFollowUp: true }).startTimers,
    ).toEqual(['inactive', 'follow_up_unanswered']);
  });

  it('opens pain_worse for a worse answer and closes follow_up_unanswered with any answer', () => {
    expect(attentionChanges({ type: 'follow_up_answered', answer: 'worse', action: 'step_back' })).toEqual({
      open: ['pain_worse'],
      close: ['follow_up_unanswered'],
      startTimers: [],
      stopTimers: ['follow_up_unanswered'],
    });
    expect(attentionChanges({ type: 'follow_up_answered', answer: 'same', action: 'hold' }).close).toEqual([
      'follow_up_unanswered',
    ]);
    expect(
      attentionChanges({ type: 'follow_up_answered', answer: 'settled', action: 'carry_on' }).close,
    ).toEqual(['follow_up_unanswered', 'pain_worse']);
  });

  it('opens both a safety stop and pain_worse for a worse answer with a warning sign', () => {
    expect(attentionChanges({ type: 'follow_up_answered', answer: 'worse', action: 'stop' }).open).toEqual([
      'safety_stop',
      'pain_worse',
    ]);
  });

  it('closes the stop and the request when a member or key clears; tells a coach when the participant did', () => {
    for (const by of ['member', 'api_key'] as const) {
      expect(attentionChanges({ type: 'cleared', by })).toEqual({
        open: [],
        close: ['safety_stop', 'clearance_requested'],
        startTimers: ['inactive'],
        stopTimers: [],
      });
    }
    expect(attentionChanges({ type: 'cleared', by: 'participant' })).toEqual({
      open: ['clearance_requested'],
      close: ['safety_stop'],
      startTimers: ['inactive'],
      stopTimers: [],
    });
  });

  it('closes what waits for walks when the programme pauses, ends or is left', () => {
    for (const type of ['paused', 'unsubscribed', 'completed'] as const) {
      expect(attentionChanges({ type })).toEqual({
        open: [],
        close: ['inactive', 'follow_up_unanswered'],
        startTimers: [],
        stopTimers: ['inactive', 'follow_up_unanswered'],
      });
    }
  });

  it('closes every kind when the person is erased', () => {
    expect([...attentionChanges({ type: 'erased' }).close].sort()).toEqual([...ATTENTION_KINDS].sort());
  });

  it('opens the timed kind when its timer runs out, and the kinds the later streams raise', () => {
    for (const kind of TIMED_ATTENTION_KINDS) {
      // Only that: the worker's sweep opens a whole batch of timers in one statement on this.
      expect(attentionChanges({ type: 'timer_due', kind })).toEqual({
        open: [kind],
        close: [],
        startTimers: [],
        stopTimers: [],
      });
    }
    expect(attentionChanges({ type: 'undeliverable' }).open).toEqual(['undeliverable']);
    expect(attentionChanges({ type: 'delivered' }).close).toEqual(['undeliverable']);
    expect(attentionChanges({ type: 'outcome_worse' }).open).toEqual(['outcome_worse']);
    expect(attentionChanges({ type: 'clearance_requested' }).open).toEqual(['clearance_requested']);
  });
});

describe('timer deadlines', () => {
  it('opens inactive exactly the programme inactivity after the last sign of life', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        (at) => {
          const due = inactiveDueAt(at);
          expect(due.getTime() - at.getTime()).toBe(DEFAULT_PROGRAMME_CONFIG.inactivityDays * 86_400_000);
          expect(followUpUnansweredDueAt(at).getTime() - at.getTime()).toBe(FOLLOW_UP_UNANSWERED_AFTER_MS);
        },
      ),
    );
    expect(FOLLOW_UP_UNANSWERED_AFTER_MS).toBe(48 * 3_600_000);
  });
});
