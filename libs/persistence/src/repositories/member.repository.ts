import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemberEntity, type MemberRole } from '../entities/member.entity';
import { keysetAfter } from '../keyset-sql';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

/** A member with the text of its sort key, for keyset pages (exact to the microsecond). */
export interface MemberRow {
  member: MemberEntity;
  createdAtKey: string;
}

/** Workspace members. Reads for a request take the organisation; sign-in looks up by address alone. */
@Injectable()
export class MemberRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  create(
    tx: Tx,
    input: { organizationId: string; email: string; name: string; role: MemberRole; now: Date },
  ): Promise<MemberEntity> {
    return tx.save(
      tx.create(MemberEntity, {
        organizationId: input.organizationId,
        email: input.email,
        name: input.name,
        role: input.role,
        createdAt: input.now,
        lastSignInAt: null,
        removedAt: null,
      }),
    );
  }

  findActiveInOrganization(
    organizationId: string,
    id: string,
    options: { tx?: Tx; lock?: boolean } = {},
  ): Promise<MemberEntity | null> {
    const query = (options.tx ?? currentManager(this.dataSource))
      .createQueryBuilder(MemberEntity, 'm')
      .where('m.id = :id AND m.organization_id = :organizationId AND m.removed_at IS NULL', {
        id,
        organizationId,
      });
    if (options.lock) lockForChange(query);
    return query.getOne();
  }

  /** Any member, removed or not: for names on decisions and acknowledgements. */
  findManyByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return currentManager(this.dataSource)
      .createQueryBuilder(MemberEntity, 'm')
      .where('m.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  /** For the sender, which works across organisations. */
  findById(id: string): Promise<MemberEntity | null> {
    return currentManager(this.dataSource).findOne(MemberEntity, { where: { id } });
  }

  /**
   * Every organisation's current member with this address (compared without case). The sign-in
   * page knows only the address, so this reads across organisations, as the connecting role.
   */
  findActiveByEmail(email: string, limit: number): Promise<MemberEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(MemberEntity, 'm')
      .where('lower(m.email) = lower(:email) AND m.removed_at IS NULL', { email })
      .orderBy('m.created_at')
      .limit(limit)
      .getMany();
  }

  /** Oldest first, in pages after (created_at, id). */
  async listPage(
    organizationId: string,
    after: readonly [string, string] | null,
    limit: number,
  ): Promise<MemberRow[]> {
    const query = currentManager(this.dataSource)
      .createQueryBuilder(MemberEntity, 'm')
      .addSelect('m.created_at::text', 'created_key')
      .where('m.organization_id = :organizationId AND m.removed_at IS NULL', { organizationId })
      .orderBy('m.created_at')
      .addOrderBy('m.id')
      .limit(limit);
    if (after) {
      query.andWhere(keysetAfter(['m.created_at', 'm.id'], [':createdAt::timestamptz', ':id::uuid'], 'ASC'), {
        createdAt: after[0],
        id: after[1],
      });
    }
    const { entities, raw } = await query.getRawAndEntities<{ created_key: string }>();
    return entities.map((member, i) => ({ member, createdAtKey: raw[i]!.created_key }));
  }

  async markRemoved(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.update(MemberEntity, { id }, { removedAt: now });
  }

  async recordSignIn(id: string, now: Date): Promise<void> {
    await this.dataSource.manager.update(MemberEntity, { id }, { lastSignInAt: now });
  }
}
