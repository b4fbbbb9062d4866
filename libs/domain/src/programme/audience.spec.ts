import { AUDIENCES, isAudience } from './audience';

describe('audiences', () => {
  it('lists the five audiences once each', () => {
    expect([...AUDIENCES].sort()).toEqual([
      'athlete',
      'general',
      'knee_pain',
      'older_adult',
      'post_surgical',
    ]);
  });

  it('recognises only those names', () => {
    expect(AUDIENCES.every(isAudience)).toBe(true);
    expect(isAudience('Athlete')).toBe(false);
    expect(isAudience('')).toBe(false);
  });
});
