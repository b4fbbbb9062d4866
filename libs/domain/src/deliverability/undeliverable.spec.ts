import { MESSAGE_KINDS, MESSAGE_POLICIES } from '../messages/message-kind';
import { coachAlertRoute, undeliverableItemFor } from './undeliverable';

describe('the undeliverable attention item', () => {
  it('opens for safety mail that may not arrive, and for nothing else', () => {
    for (const kind of MESSAGE_KINDS) {
      for (const cause of ['sent_to_suppressed_address', 'bounced'] as const) {
        const item = undeliverableItemFor(kind, cause);
        expect({ kind, cause, opens: item !== null }).toEqual({
          kind,
          cause,
          opens: MESSAGE_POLICIES[kind].safety,
        });
      }
    }
  });

  it('tells the coach what happened in plain words', () => {
    expect(undeliverableItemFor('safety_stop', 'bounced')).toEqual({
      rule: 'safety_email_undeliverable',
      kind: 'safety_stop',
      cause: 'bounced',
      reason: expect.stringContaining('the receiving server refused it'),
    });
    expect(undeliverableItemFor('coach_alert', 'sent_to_suppressed_address')?.rule).toBe(
      'coach_alert_undeliverable',
    );
  });
});

describe('where a coach alert goes', () => {
  const none = () => false;
  it('goes to the coach address while it can be reached', () => {
    expect(coachAlertRoute({ coachEmail: 'c@x', backupCoachEmail: 'b@x', isSuppressed: none })).toEqual({
      to: 'c@x',
      rerouted: false,
      undeliverable: false,
    });
  });

  it('goes to the other coach address when the first is suppressed', () => {
    const isSuppressed = (e: string) => e === 'c@x';
    expect(coachAlertRoute({ coachEmail: 'c@x', backupCoachEmail: 'b@x', isSuppressed })).toEqual({
      to: 'b@x',
      rerouted: true,
      undeliverable: false,
    });
  });

  it('is still attempted to the coach, and undeliverable, when no other address can be reached', () => {
    const all = () => true;
    expect(coachAlertRoute({ coachEmail: 'c@x', backupCoachEmail: 'b@x', isSuppressed: all })).toEqual({
      to: 'c@x',
      rerouted: false,
      undeliverable: true,
    });
    expect(
      coachAlertRoute({ coachEmail: 'c@x', backupCoachEmail: null, isSuppressed: all }).undeliverable,
    ).toBe(true);
  });
});
