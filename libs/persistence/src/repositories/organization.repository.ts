import { DEFAULT_CONFIRMATIONS_PER_MINUTE, DEFAULT_OUTCOME_SETTINGS } from '@retrowalk/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity';
import { lockForChange } from '../row-lock';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

@Injectable()
export class OrganizationRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(tx: Tx, input: { name: string; coachEmail: string; now: Date }): Promise<OrganizationEntity> {
    const entity = tx.create(OrganizationEntity, {
      name: input.name,
      coachEmail: input.coachEmail,
      displayName: null,
      senderName: null,
      replyTo: null,
      defaultTimezone: null,
      defaultReminderDays: ['mon', 'wed', 'fri'],
      defaultReminderTime: '07:30',
      quietHoursStart: '21:00',
      quietHoursEnd: '07:00',
      importConfirmationsPerMinute: DEFAULT_CONFIRMATIONS_PER_MINUTE,
      outcomeChecksEnabled: DEFAULT_OUTCOME_SETTINGS.enabled,
      outcomeDoseEndWeek: DEFAULT_OUTCOME_SETTINGS.weeks[0],
      outcomeFollowUpWeek: DEFAULT_OUTCOME_SETTINGS.weeks[1],
      createdAt: input.now,
      updatedAt: null,
    });
    return tx.save(entity);
  }

  /**
   * Locks the row, so two settings changes apply one after the other, without holding up the many
   * transactions that only insert rows pointing at the organisation (see `lockForChange`).
   */
  findForUpdate(tx: Tx, id: string): Promise<OrganizationEntity | null> {
    return lockForChange(tx.createQueryBuilder(OrganizationEntity, 'o').where('o.id = :id', { id })).getOne();
  }

  save(tx: Tx, entity: OrganizationEntity): Promise<OrganizationEntity> {
    return tx.save(entity);
  }

  findById(id: string, tx: Tx = currentManager(this.dataSource)): Promise<OrganizationEntity | null> {
    return tx.findOne(OrganizationEntity, { where: { id } });
  }
}
