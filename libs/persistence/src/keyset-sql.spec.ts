import { keysetAfter } from './keyset-sql';

describe('keysetAfter', () => {
  it('spells out the row comparison with plain comparisons, bounded by the first key for the index', () => {
    expect(keysetAfter(['e.created_at', 'e.id'], ['$3::timestamptz', '$4::uuid'], 'DESC')).toBe(
      'e.created_at <= $3::timestamptz AND (e.created_at < $3::timestamptz OR (e.created_at = $3::timestamptz AND e.id < $4::uuid))',
    );
    expect(keysetAfter(['a', 'b', 'c'], ['$1', '$2', '$3'], 'ASC')).toBe(
      'a >= $1 AND (a > $1 OR (a = $1 AND (b > $2 OR (b = $2 AND c > $3))))',
    );
  });
});
