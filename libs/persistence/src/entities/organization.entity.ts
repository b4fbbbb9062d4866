import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'coach_email', type: 'text' })
  coachEmail!: string;

  // Set from the application clock, so a simulated week reads like a real one.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
