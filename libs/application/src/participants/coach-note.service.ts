import { Injectable } from '@nestjs/common';
import { DomainError } from '@retrowalk/domain';
import {
  type CoachNoteEntity,
  CoachNoteRepository,
  EnrollmentRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { actorColumns, type StaffActor } from '../members/staff-actor';

export const COACH_NOTE_MAX_LENGTH = 4000;

/** A coach's note on a participant's timeline: what they did, heard or decided. */
@Injectable()
export class CoachNoteService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enrollments: EnrollmentRepository,
    private readonly notes: CoachNoteRepository,
    private readonly clock: Clock,
  ) {}

  async add(
    organizationId: string,
    enrollmentId: string,
    actor: StaffActor,
    text: string,
  ): Promise<CoachNoteEntity> {
    return this.uow.run(async (tx) => {
      const enrollment = await this.enrollments.findInOrganization(organizationId, enrollmentId, { tx });
      if (!enrollment) throw new DomainError('not_found', 'No enrolment with this id.');
      return this.notes.add(tx, {
        organizationId,
        enrollmentId,
        ...actorColumns(actor),
        text,
        createdAt: this.clock.now(),
      });
    });
  }
}
