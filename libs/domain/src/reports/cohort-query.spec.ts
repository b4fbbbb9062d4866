import { DomainError } from '../errors';
import { parseCohortQuery } from './cohort-query';

function fieldsOf(raw: Record<string, unknown>): string[] {
  try {
    parseCohortQuery(raw);
  } catch (error) {
    return ((error as DomainError).details as { field: string }[]).map((d) => d.field);
  }
  return [];
}

describe('cohort query', () => {
  it('widens the period to whole ISO weeks and groups by week by default', () => {
    expect(parseCohortQuery({ from: '2027-03-03', to: '2027-03-10' })).toEqual({
      from: '2027-03-01',
      to: '2027-03-14',
      groupBy: 'week',
    });
    expect(parseCohortQuery({ from: '2027-03-01', to: '2027-03-01', groupBy: 'level' }).groupBy).toBe(
      'level',
    );
  });

  it('names the field of each problem', () => {
    expect(fieldsOf({ to: '2027-03-01' })).toEqual(['from']);
    expect(fieldsOf({ from: '2027-13-01', to: 'soon' })).toEqual(['from', 'to']);
    expect(fieldsOf({ from: '2027-03-02', to: '2027-03-01' })).toEqual(['to']);
    expect(fieldsOf({ from: '2027-01-01', to: '2028-01-01' })).toEqual([]); // 366 days, both counted
    expect(fieldsOf({ from: '2027-01-01', to: '2028-01-02' })).toEqual(['to']);
    expect(fieldsOf({ from: '2027-01-01', to: '2027-02-01', groupBy: 'month' })).toEqual(['groupBy']);
    expect(fieldsOf({ from: ['2027-01-01'], to: '2027-02-01' })).toEqual(['from']);
  });

  it('is a validation error', () => {
    expect(() => parseCohortQuery({})).toThrow(DomainError);
  });
});
