import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, type ApiKeyRole } from '../entities/api-key.entity';
import { DATA_SOURCE, type Tx } from '../unit-of-work';

@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    input: { organizationId: string; prefix: string; keyHash: string; role: ApiKeyRole; now: Date },
  ): Promise<ApiKeyEntity> {
    return tx.save(
      tx.create(ApiKeyEntity, {
        organizationId: input.organizationId,
        prefix: input.prefix,
        keyHash: input.keyHash,
        role: input.role,
        createdAt: input.now,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
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
