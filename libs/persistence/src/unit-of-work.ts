import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An open transaction, passed from a service to the repositories that take part in it. */
export type Tx = EntityManager;

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/** Runs work in one Postgres transaction: a state change and the messages it causes commit together. */
@Injectable()
export class UnitOfWork {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): Tx {
    return this.dataSource.manager;
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.code ?? e.driverError?.code;
  const name = e.constraint ?? e.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
