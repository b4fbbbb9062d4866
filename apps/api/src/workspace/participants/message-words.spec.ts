import { type AnyMessageStatus, messageStatusWords, reasonWords } from './message-words';

const ALL: AnyMessageStatus[] = [
  'pending',
  'queued',
  'sending',
  'sent',
  'bounced',
  'suppressed',
  'cancelled',
  'expired',
  'failed',
  'skipped',
];

describe('message words', () => {
  it('say what happened for every status, old and new, never the bare code', () => {
    for (const status of ALL) {
      const { words } = messageStatusWords(status, 'paused', 'Tue 4 Mar 2027, 07:30');
      expect(words.length).toBeGreaterThan(3);
      expect(words).not.toMatch(/_/);
    }
    expect(messageStatusWords('pending', null, 'Tue 4 Mar 2027, 07:30').words).toBe(
      'scheduled for Tue 4 Mar 2027, 07:30',
    );
    expect(messageStatusWords('cancelled', 'safety_stop', '').words).toBe('cancelled: a safety stop');
    expect(messageStatusWords('bounced', null, '').tone).toBe('danger');
  });

  it('turn reasons into words, keeping an unknown one short', () => {
    expect(reasonWords('not_wanted_while_needs_clearance')).toBe('no longer wanted (waiting for clearance)');
    expect(reasonWords(null)).toBe('no longer needed');
    expect(reasonWords('550 5.1.1 mailbox unavailable')).toBe('550 5.1.1 mailbox unavailable');
    expect(reasonWords('x'.repeat(300))).toHaveLength(118);
  });
});
