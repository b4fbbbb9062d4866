import { blocksInPeriod, poolEnrolmentWeeks, weekStartOf } from './enrolment-blocks';

describe('enrolment blocks', () => {
  it('finds the Monday of a week', () => {
    expect(weekStartOf('2027-03-01')).toBe('2027-03-01');
    expect(weekStartOf('2027-03-07')).toBe('2027-03-01');
    expect(weekStartOf('2027-03-08')).toBe('2027-03-08');
  });

  it('pools weeks until a block holds 5 people, and holds back a filling tail', () => {
    const { blocks, filling } = poolEnrolmentWeeks([
      { week: '2027-03-15', people: 3 },
      { week: '2027-03-01', people: 8 },
      { week: '2027-03-08', people: 2 },
      { week: '2027-03-22', people: 0 },
      { week: '2027-03-29', people: 1 },
    ]);
    expect(blocks).toEqual([
      { start: '2027-03-01', lastWeek: '2027-03-01', people: 8 },
      { start: '2027-03-08', lastWeek: '2027-03-15', people: 5 },
    ]);
    expect(filling).toBe(1);
  });

  it('keeps earlier blocks unchanged as enrolments arrive', () => {
    const before = poolEnrolmentWeeks([
      { week: '2027-03-01', people: 3 },
      { week: '2027-03-08', people: 3 },
    ]).blocks;
    const after = poolEnrolmentWeeks([
      { week: '2027-03-01', people: 3 },
      { week: '2027-03-08', people: 3 },
      { week: '2027-03-15', people: 4 },
    ]).blocks;
    expect(after.slice(0, before.length)).toEqual(before);
  });

  it('takes the blocks that start in the period', () => {
    const { blocks } = poolEnrolmentWeeks([
      { week: '2027-02-22', people: 2 },
      { week: '2027-03-01', people: 4 },
      { week: '2027-03-08', people: 6 },
    ]);
    expect(blocksInPeriod(blocks, '2027-03-01', '2027-03-14').map((b) => b.start)).toEqual(['2027-03-08']);
  });
});
