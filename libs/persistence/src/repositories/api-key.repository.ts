import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, type ApiKeyRole } from '../entities/api-key.entity';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    input: {
      organizationId: string;
      prefix: string;
      keyHash: string;
      role: ApiKeyRole;
      label?: string | null;
      now: Date;
    },
  ): Promise<ApiKeyEntity> {
    return tx.save(
      tx.create(ApiKeyEntity, {
        organizationId: input.organizationId,
        prefix: input.prefix,
        keyHash: input.keyHash,
        role: input.role,
        label: input.label ?? null,
        createdAt: input.now,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
  }

  /** The organisation's keys that still work, newest first. */
  listUsable(organizationId: string, tx: Tx = currentManager(this.dataSource)): Promise<ApiKeyEntity[]> {
    return tx
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.organization_id = :organizationId AND k.revoked_at IS NULL', { organizationId })
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id')
      .getMany();
  }

  /** Any of the organisation's keys, revoked or not: for the names on what they did. */
  findManyByIds(organizationId: string, ids: readonly string[]): Promise<ApiKeyEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return currentManager(this.dataSource)
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.organization_id = :organizationId AND k.id = ANY(:ids)', {
        organizationId,
        ids: [...new Set(ids)],
      })
      .getMany();
  }

  findUsableInOrganization(tx: Tx, organizationId: string, id: string): Promise<ApiKeyEntity | null> {
    return lockForChange(
      tx
        .createQueryBuilder(ApiKeyEntity, 'k')
        .where('k.id = :id AND k.organization_id = :organizationId AND k.revoked_at IS NULL', {
          id,
          organizationId,
        }),
    ).getOne();
  }

  async countUsableAdmins(tx: Tx, organizationId: string): Promise<number> {
    return tx
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where(`k.organization_id = :organizationId AND k.revoked_at IS NULL AND k.role = 'admin'`, {
        organizationId,
      })
      .getCount();
  }

  async revoke(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.update(ApiKeyEntity, { id }, { revokedAt: now });
  }

  findUsableByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(ApiKeyEntity, 'k')
      .where('k.key_hash = :keyHash AND k.revoked_at IS NULL', { keyHash })
      .getOne();
  }

  /** Records use at most once a minute per key, so a busy key does not write on every request. */
  async touch(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = $2
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, now],
    );
  }
}
