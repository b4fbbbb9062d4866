import { describeOwnOutcome } from './outcome-wording';

const stairs = (score: number) => [{ name: 'Climbing stairs', score }];

describe("a person's own change, in plain words", () => {
  it('states the numbers and calls a real improvement one', () => {
    const words = describeOwnOutcome({
      baseline: { pain: 6, activities: stairs(3) },
      latest: { pain: 3, activities: stairs(7), globalChange: 'better' },
    });
    expect(words).toEqual({
      overall: 'better',
      pain: 'Your average knee pain: 6 out of 10 when you started, 3 now. That is 3 points lower.',
      activitiesIntro:
        'How well you can do the activities you named, from 0 (not at all) to 10 (as well as before your knee trouble):',
      activities: ['Climbing stairs: 3 when you started, 7 now.'],
      activitiesSummary: 'On average that is 4 points better.',
      closing: 'Well done: that is a real change.',
      seeProfessional: false,
    });
  });

  it('says nothing clever when nothing much changed', () => {
    const words = describeOwnOutcome({
      baseline: { pain: 5, activities: stairs(4) },
      latest: { pain: 4, activities: stairs(5), globalChange: 'same' },
    });
    expect(words.overall).toBe('same');
    expect(words.pain).toBe('Your average knee pain: 5 out of 10 when you started, 4 now.');
    expect(words.activitiesSummary).toBeNull();
    expect(words.closing).toBeNull();
    expect(words.seeProfessional).toBe(false);
  });

  it('says so when things got worse and suggests seeing a professional, without cheering', () => {
    for (const latest of [
      { pain: 6, activities: stairs(4), globalChange: 'same' as const }, // pain 2 points up
      { pain: 4, activities: stairs(1), globalChange: 'same' as const }, // activities 3 points down
      { pain: 4, activities: stairs(4), globalChange: 'a_little_worse' as const }, // they say so
    ]) {
      const words = describeOwnOutcome({ baseline: { pain: 4, activities: stairs(4) }, latest });
      expect(words.overall).toBe('worse');
      expect(words.closing).toBe(
        'Your knee is worse than when you started. Please have your knee checked by a GP or physiotherapist.',
      );
      expect(JSON.stringify(words)).not.toMatch(/well done|great|keep it up/i);
    }
  });

  it('suggests a professional while pain stays at 7 or more, even if it fell', () => {
    const words = describeOwnOutcome({
      baseline: { pain: 10, activities: [] },
      latest: { pain: 7, activities: [], globalChange: 'better' },
    });
    expect(words.seeProfessional).toBe(true);
    expect(words.closing).toMatch(/still high/);
  });

  it('does not compare without a baseline that counts', () => {
    const words = describeOwnOutcome({
      baseline: null,
      latest: { pain: 5, activities: stairs(5), globalChange: 'better' },
    });
    expect(words).toMatchObject({
      overall: 'unknown',
      activities: [],
      closing: null,
      seeProfessional: false,
    });
    expect(words.pain).toMatch(/cannot compare.*first week.*5 out of 10/);
  });
});
