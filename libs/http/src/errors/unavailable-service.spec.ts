import { unavailableService } from './unavailable-service';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('unavailableService', () => {
  it('reads a database that is away, or that ended a transaction to be tried again, from pg, raw or wrapped by TypeORM', () => {
    expect(unavailableService(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(
      'postgres',
    );
    expect(unavailableService(new Error('timeout exceeded when trying to connect'))).toBe('postgres');
    expect(unavailableService(new Error('Connection terminated unexpectedly'))).toBe('postgres');
    expect(unavailableService(new Error('Query read timeout'))).toBe('postgres');
    expect(unavailableService(pgError('57P01', 'terminating connection due to administrator command'))).toBe(
      'postgres',
    );
    expect(unavailableService(pgError('57014', 'canceling statement due to statement timeout'))).toBe(
      'postgres',
    );
    expect(unavailableService(pgError('40P01', 'deadlock detected'))).toBe('postgres');
    expect(unavailableService(pgError('40001', 'could not serialize access'))).toBe('postgres');
    const wrapped = Object.assign(new Error('Query failed'), { driverError: pgError('08006') });
    expect(unavailableService(wrapped)).toBe('postgres');
  });

  it('reads an unreachable Redis from ioredis', () => {
    expect(
      unavailableService(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe('redis');
    expect(unavailableService(new Error('Command timed out'))).toBe('redis');
    expect(unavailableService(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(
      'redis',
    );
  });

  it('leaves every other error alone: a bad query or a bug is not an outage', () => {
    expect(unavailableService(pgError('23505', 'duplicate key value'))).toBeNull();
    expect(unavailableService(pgError('42P01', 'relation does not exist'))).toBeNull();
    expect(unavailableService(new TypeError('undefined is not a function'))).toBeNull();
    expect(unavailableService('ECONNREFUSED')).toBeNull();
    expect(unavailableService(null)).toBeNull();
  });
});
