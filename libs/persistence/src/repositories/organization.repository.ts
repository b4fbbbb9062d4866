import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity';
import { DATA_SOURCE, type Tx } from '../unit-of-work';

@Injectable()
export class OrganizationRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(tx: Tx, input: { name: string; coachEmail: string; now: Date }): Promise<OrganizationEntity> {
    const entity = tx.create(OrganizationEntity, {
      name: input.name,
      coachEmail: input.coachEmail,
      createdAt: input.now,
    });
    return tx.save(entity);
  }

  findById(id: string, tx: Tx = this.dataSource.manager): Promise<OrganizationEntity | null> {
    return tx.findOne(OrganizationEntity, { where: { id } });
  }
}
