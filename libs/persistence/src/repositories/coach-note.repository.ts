import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoachNoteEntity } from '../entities/coach-note.entity';
import { currentManager, DATA_SOURCE, type Tx } from '../unit-of-work';

/** Coaches' notes on a participant's timeline. */
@Injectable()
export class CoachNoteRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  add(tx: Tx, note: Omit<CoachNoteEntity, 'id'>): Promise<CoachNoteEntity> {
    return tx.save(tx.create(CoachNoteEntity, note));
  }

  listForEnrollment(enrollmentId: string): Promise<CoachNoteEntity[]> {
    return currentManager(this.dataSource).find(CoachNoteEntity, {
      where: { enrollmentId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Erasure: a note is about the person, so its words go; that a note was written stays. */
  async blankForErasure(tx: Tx, enrollmentId: string): Promise<void> {
    await tx.query(`UPDATE coach_notes SET text = '' WHERE enrollment_id = $1`, [enrollmentId]);
  }
}
