import { readActivityName, readOutcomeAnswer } from './outcome-answer';

describe('outcome answers', () => {
  it('cleans activity names like every other participant text', () => {
    expect(readActivityName('  Climbing\n the   stairs ')).toEqual({ name: 'Climbing the stairs' });
    expect(readActivityName('Gärtnern 🌱')).toEqual({ name: 'Gärtnern 🌱' });
    expect(readActivityName('x'.repeat(60))).toEqual({ name: 'x'.repeat(60) });
    const refused = [
      '',
      '   ',
      '\u200b\u200b',
      '\u00a0',
      'stairs\u0000',
      'stairs\u202e',
      'x'.repeat(61),
      42,
      null,
    ];
    for (const raw of refused) expect(readActivityName(raw)).toEqual({ problem: expect.any(String) });
  });

  it('takes up to three named activities at the baseline, each with a score', () => {
    const result = readOutcomeAnswer(
      {
        pain: '6',
        activities: [
          { name: 'Stairs', score: '3' },
          { name: '', score: '' },
          { name: 'Gardening', score: 5 },
        ],
        globalChange: 'better',
      },
      { timepoint: 'baseline', knownActivities: [] },
    );
    // Empty rows are skipped; the global rating of change is not asked at the baseline.
    expect(result).toEqual({
      answer: {
        pain: 6,
        activities: [
          { name: 'Stairs', score: 3 },
          { name: 'Gardening', score: 5 },
        ],
        globalChange: null,
      },
    });
    expect(readOutcomeAnswer({ pain: 0 }, { timepoint: 'baseline', knownActivities: [] })).toEqual({
      answer: { pain: 0, activities: [], globalChange: null },
    });
  });

  it('names every field that is wrong', () => {
    const result = readOutcomeAnswer(
      {
        pain: 11,
        activities: [
          { name: 'Stairs', score: 3 },
          { name: 'stairs', score: 4 },
          { name: 'Kneeling' },
          { name: '', score: 2 },
        ],
      },
      { timepoint: 'baseline', knownActivities: [] },
    );
    expect('problems' in result && result.problems.map((p) => p.field)).toEqual([
      'pain',
      'activities',
      'activities[1].name',
      'activities[2].score',
    ]);
    for (const pain of [-1, 2.5, '', 'seven', undefined, null, true]) {
      expect(readOutcomeAnswer({ pain }, { timepoint: 'baseline', knownActivities: [] })).toEqual({
        problems: [{ field: 'pain', message: 'must be a whole number from 0 to 10' }],
      });
    }
  });

  it('asks later about the same activities by name, and for the global rating of change', () => {
    const known = ['Stairs', 'Gardening'];
    expect(
      readOutcomeAnswer(
        { pain: 3, scores: ['7', 6], globalChange: 'much_better', activities: [{ name: 'New', score: 1 }] },
        { timepoint: 'dose_end', knownActivities: known },
      ),
    ).toEqual({
      answer: {
        pain: 3,
        activities: [
          { name: 'Stairs', score: 7 },
          { name: 'Gardening', score: 6 },
        ],
        globalChange: 'much_better',
      },
    });
    const missing = readOutcomeAnswer(
      { pain: 3, scores: ['7'] },
      { timepoint: 'follow_up', knownActivities: known },
    );
    expect('problems' in missing && missing.problems.map((p) => p.field)).toEqual([
      'scores[1]',
      'globalChange',
    ]);
  });

  it('lets a later check name activities when none were named before', () => {
    const result = readOutcomeAnswer(
      { pain: 4, activities: [{ name: 'Cycling', score: 8 }], globalChange: 'same' },
      { timepoint: 'dose_end', knownActivities: [] },
    );
    expect(result).toEqual({
      answer: { pain: 4, activities: [{ name: 'Cycling', score: 8 }], globalChange: 'same' },
    });
  });
});
