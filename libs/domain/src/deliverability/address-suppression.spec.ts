import fc from 'fast-check';
import { MESSAGE_KINDS, MESSAGE_POLICIES } from '../messages/message-kind';
import {
  actionForSuppressedAddress,
  type AddressEvent,
  SOFT_BOUNCE_WINDOW_MS,
  suppressionReasonFor,
} from './address-suppression';

const T0 = Date.parse('2027-03-01T00:00:00Z');
const soft = (ms: number): AddressEvent => ({
  type: 'bounce',
  bounceType: 'soft',
  occurredAt: new Date(T0 + ms),
});
const DAY = 86_400_000;

describe('suppression rules', () => {
  it('suppresses at once on any hard bounce or complaint, whatever else happened', () => {
    const event = fc.record({
      type: fc.constantFrom<AddressEvent['type'][]>('bounce', 'complaint', 'delivered', 'deferred'),
      bounceType: fc.constantFrom<AddressEvent['bounceType'][]>('hard', 'soft', null),
      occurredAt: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => new Date(T0 + ms)),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (history) => {
        const reason = suppressionReasonFor(history);
        if (history.some((e) => e.type === 'complaint')) expect(reason).toBe('complaint');
        else if (history.some((e) => e.type === 'bounce' && e.bounceType === 'hard'))
          expect(reason).toBe('hard_bounce');
        else expect(reason === null || reason === 'soft_bounces').toBe(true);
      }),
    );
  });

  it('suppresses after three soft bounces within seven days, and not after two', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOFT_BOUNCE_WINDOW_MS - 2 }),
        fc.integer({ min: 0, max: SOFT_BOUNCE_WINDOW_MS - 1 }),
        (a, b) => {
          const [first, last] = [Math.min(a, b), Math.max(a, b)];
          const middle = Math.floor((first + last) / 2);
          expect(suppressionReasonFor([soft(first), soft(middle), soft(last)])).toBe('soft_bounces');
          expect(suppressionReasonFor([soft(first), soft(last)])).toBeNull();
        },
      ),
    );
  });

  it('does not count soft bounces spread over more than seven days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: SOFT_BOUNCE_WINDOW_MS, max: 30 * DAY }),
        fc.integer({ min: 3, max: 8 }),
        (gap, n) => {
          // Each soft bounce is a week or more after the previous but one: never three in a week.
          const history = Array.from({ length: n }, (_, i) => soft(Math.floor(i / 2) * gap + (i % 2)));
          expect(suppressionReasonFor(history)).toBeNull();
        },
      ),
    );
  });

  it('starts the count over after a delivery, in whatever order the events are given', () => {
    const delivered: AddressEvent = {
      type: 'delivered',
      bounceType: null,
      occurredAt: new Date(T0 + 2 * DAY),
    };
    const history = [soft(0), soft(DAY), delivered, soft(3 * DAY), soft(4 * DAY)];
    expect(suppressionReasonFor(history)).toBeNull();
    expect(suppressionReasonFor([...history].reverse())).toBeNull();
    expect(suppressionReasonFor([...history, soft(5 * DAY)])).toBe('soft_bounces');
  });

  it('skips everything but safety mail and the address confirmation for a suppressed address', () => {
    for (const kind of MESSAGE_KINDS) {
      const expected = MESSAGE_POLICIES[kind].safety
        ? 'send_and_warn'
        : kind === 'address_confirm'
          ? 'send'
          : 'skip';
      expect({ kind, action: actionForSuppressedAddress(kind) }).toEqual({ kind, action: expected });
    }
    expect(actionForSuppressedAddress('safety_stop')).toBe('send_and_warn');
    expect(actionForSuppressedAddress('coach_alert')).toBe('send_and_warn');
    expect(actionForSuppressedAddress('reminder')).toBe('skip');
    expect(actionForSuppressedAddress('weekly_summary')).toBe('skip');
    expect(actionForSuppressedAddress('re_engagement')).toBe('skip');
  });
});
