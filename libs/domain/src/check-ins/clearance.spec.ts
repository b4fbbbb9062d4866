import { AUDIENCES } from '../programme/audience';
import { levelAfterClearance } from './clearance';

describe('levelAfterClearance', () => {
  it('restarts most people one level below where they stopped', () => {
    expect(levelAfterClearance(4, 'general')).toBe(3);
    expect(levelAfterClearance(6, 'athlete')).toBe(5);
    expect(levelAfterClearance(2, 'knee_pain')).toBe(1);
  });

  it('restarts older adults and people after surgery two levels below', () => {
    expect(levelAfterClearance(4, 'older_adult')).toBe(2);
    expect(levelAfterClearance(6, 'post_surgical')).toBe(4);
  });

  it('never goes below the first level, nor above the level of the stop', () => {
    for (const audience of AUDIENCES) {
      expect(levelAfterClearance(1, audience)).toBe(1);
      expect(levelAfterClearance(2, audience)).toBe(1);
      for (let level = 2; level <= 6; level += 1) {
        expect(levelAfterClearance(level, audience)).toBeLessThan(level);
      }
    }
  });

  it.each([0, 7, 2.5])('refuses level %p', (level) => {
    expect(() => levelAfterClearance(level, 'general')).toThrow(RangeError);
  });
});
