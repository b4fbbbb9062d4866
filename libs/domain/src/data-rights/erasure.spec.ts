import { ENROLLMENT_STATUSES } from '../enrollment/enrollment-status';
import { canPause, canResume, canUnsubscribe, receivesReminders } from '../enrollment/enrollment-status';
import { isStillWanted, MESSAGE_KINDS } from '../messages/message-kind';
import { exportFileName } from './export-document';
import { ERASED_EMAIL_DOMAIN, erasedEmailFor, isErased } from './erasure';

const ID = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';

describe('erasure', () => {
  it('replaces the address with one that is unique per enrolment and can never receive mail', () => {
    expect(erasedEmailFor(ID)).toBe(`erased-${ID}@erased.invalid`);
    expect(erasedEmailFor(ID)).not.toBe(erasedEmailFor(ID.replace('6f', '7f')));
    expect(ERASED_EMAIL_DOMAIN.endsWith('.invalid')).toBe(true);
  });

  it('is a final status: nothing is sent, paused, resumed or unsubscribed after it', () => {
    expect(ENROLLMENT_STATUSES.filter(isErased)).toEqual(['erased']);
    for (const kind of MESSAGE_KINDS) expect(isStillWanted(kind, 'erased')).toBe(false);
    expect(canPause('erased')).toBe(false);
    expect(canResume('erased')).toBe(false);
    expect(canUnsubscribe('erased')).toBe(false);
    expect(receivesReminders('erased')).toBe(false);
  });
});

describe('export file name', () => {
  it('names the enrolment and the day, nothing personal', () => {
    expect(exportFileName(ID, new Date('2027-05-06T23:59:00Z'))).toBe(
      `retrowalk-export-${ID}-2027-05-06.json`,
    );
    expect(exportFileName(ID, new Date())).toMatch(/^[\w.-]+$/);
  });
});
