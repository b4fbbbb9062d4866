import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Locks the rows a query reads for a change that keeps their keys (a status, a level, a role):
 * FOR NO KEY UPDATE. Changes to one row still go one after the other. Not FOR UPDATE: that would
 * also block every transaction that only writes a row pointing at it (a foreign key check takes KEY
 * SHARE), and then a check-in (participant locked, then its attention timers written) and the
 * worker's sweep (those timers taken, then an attention item for the participant inserted) wait on
 * each other until Postgres ends one as a deadlock.
 */
export function lockForChange<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query.setLock('for_no_key_update');
}
