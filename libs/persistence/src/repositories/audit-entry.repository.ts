import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

export type NewAuditEntry = Omit<AuditEntryEntity, 'id'>;

/** Append-only: the tenant role may insert and read audit entries, never change them. */
@Injectable()
export class AuditEntryRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  record(tx: Tx, entry: NewAuditEntry): Promise<AuditEntryEntity> {
    return tx.save(tx.create(AuditEntryEntity, entry));
  }

  listForSubject(organizationId: string, subjectId: string): Promise<AuditEntryEntity[]> {
    return currentManager(this.dataSource).find(AuditEntryEntity, {
      where: { organizationId, subjectId },
      order: { createdAt: 'ASC' },
    });
  }
}
