import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TENANT_ROLE, TENANT_SETTING } from './migrations/tenant-isolation';

/** An open transaction, passed from a service to the repositories that take part in it. */
export type Tx = EntityManager;

export const DATA_SOURCE = Symbol('DATA_SOURCE');

interface TenantScope {
  organizationId: string;
  manager: EntityManager;
  afterCommit: (() => Promise<void>)[];
}

const tenantScope = new AsyncLocalStorage<TenantScope>();

/**
 * Runs work in one Postgres transaction: a state change and the messages it causes commit together.
 *
 * Inside `asOrganization` everything the work touches (transactions, plain reads, raw queries through
 * `manager`) runs in that organisation's one transaction, as the tenant database role, so row-level
 * security hides every other organisation's rows even from a query that forgot its filter. A
 * `run` inside it becomes a savepoint, and effects outside the database (`afterCommit`) wait for
 * the outer commit, so nothing is enqueued for rows that might still roll back.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const scope = tenantScope.getStore();
    return scope ? scope.manager.transaction(work) : this.dataSource.transaction(work);
  }

  /** The current organisation's transaction, or the pool outside one. */
  get manager(): Tx {
    return tenantScope.getStore()?.manager ?? this.dataSource.manager;
  }

  /** The organisation whose transaction this is, if any. */
  get organizationId(): string | undefined {
    return tenantScope.getStore()?.organizationId;
  }

  async asOrganization<T>(organizationId: string, work: () => Promise<T>): Promise<T> {
    if (tenantScope.getStore()) throw new Error('asOrganization does not nest');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const scope: TenantScope = { organizationId, manager: runner.manager, afterCommit: [] };
    try {
      await runner.startTransaction();
      // Both in one round trip: `set_config('role', ..., true)` is SET LOCAL ROLE.
      await runner.query(
        `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`,
        [organizationId],
      );
      const result = await tenantScope.run(scope, work);
      await runner.commitTransaction();
      await tenantScope.exit(() => this.runAfterCommit(scope.afterCommit));
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * An effect outside the database (waking the dispatcher, dropping a queued job) that must only
   * happen once the change is committed: now outside an organisation's transaction, after its
   * commit inside one. Failures are logged, never thrown: the database is already right.
   */
  async afterCommit(effect: () => Promise<void>): Promise<void> {
    const scope = tenantScope.getStore();
    if (scope) scope.afterCommit.push(effect);
    else await this.runAfterCommit([effect]);
  }

  private async runAfterCommit(effects: (() => Promise<void>)[]): Promise<void> {
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        this.logger.warn(`An after-commit effect failed: ${(error as Error).message}`);
      }
    }
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

/** For repositories: the current organisation's transaction if there is one, else the pool. */
export function currentManager(dataSource: DataSource): Tx {
  return tenantScope.getStore()?.manager ?? dataSource.manager;
}
