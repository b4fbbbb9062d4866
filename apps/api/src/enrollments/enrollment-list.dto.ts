import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Deliverability, type EnrollmentListEntry } from '@retrowalk/application';
import {
  ATTENTION_KINDS,
  AUDIENCES,
  type Audience,
  ENROLLMENT_STATUSES,
  type EnrollmentStatus,
  TOP_LEVEL,
} from '@retrowalk/domain';
import { type EnrollmentOrder } from '@retrowalk/persistence';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';
import { DeliverabilityDto } from './enrollment.dto';

/** Every status but erased: an erased enrolment is an anonymous stub, listed nowhere. */
export const LISTED_STATUSES = ENROLLMENT_STATUSES.filter(
  (status): status is Exclude<EnrollmentStatus, 'erased'> => status !== 'erased',
);

/** The API's names of the sort orders. */
export const SORTS: Record<string, EnrollmentOrder> = {
  created: 'created',
  name: 'name',
  lastWalk: 'last_walk',
};

export class EnrollmentListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the first name, email or externalId, any case',
    example: 'sam',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: LISTED_STATUSES })
  @IsOptional()
  @IsIn(LISTED_STATUSES, { message: `must be one of ${LISTED_STATUSES.join(', ')}` })
  status?: Exclude<EnrollmentStatus, 'erased'>;

  @ApiPropertyOptional({ minimum: 1, maximum: TOP_LEVEL })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(TOP_LEVEL)
  level?: number;

  @ApiPropertyOptional({ enum: AUDIENCES })
  @IsOptional()
  @IsIn(AUDIENCES, { message: `must be one of ${AUDIENCES.join(', ')}` })
  audience?: Audience;

  @ApiPropertyOptional({
    enum: Object.keys(SORTS),
    default: 'created',
    description:
      'created: newest first; name: A to Z; lastWalk: most recent walk first, never walked last. ' +
      'With created and name, following nextCursor shows every enrolment that existed when you ' +
      'started exactly once; with lastWalk someone who walks while you page moves up the list.',
  })
  @IsOptional()
  @IsIn(Object.keys(SORTS), { message: `must be one of ${Object.keys(SORTS).join(', ')}` })
  sort?: string;
}

export class EnrollmentSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ enum: LISTED_STATUSES }) status!: string;
  @ApiProperty({ minimum: 1, maximum: TOP_LEVEL }) level!: number;
  @ApiProperty({ enum: AUDIENCES }) audience!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastWalkAt!: string | null;
  @ApiProperty({
    enum: ATTENTION_KINDS,
    isArray: true,
    description: 'Open attention items, most urgent first',
  })
  openAttention!: string[];
  @ApiProperty({
    type: DeliverabilityDto,
    description: 'Whether mail to this address is sent (suppression list)',
  })
  deliverability!: DeliverabilityDto;

  static from(
    { enrollment: e, openAttention }: EnrollmentListEntry,
    deliverability: Deliverability | undefined,
  ): EnrollmentSummaryDto {
    return {
      id: e.id,
      firstName: e.firstName,
      email: e.email,
      externalId: e.externalId,
      status: e.status,
      level: e.level,
      audience: e.audience,
      createdAt: e.createdAt.toISOString(),
      lastWalkAt: e.lastWalkAt?.toISOString() ?? null,
      openAttention,
      // The suppression list only: a pending address change shows on the enrolment itself.
      deliverability: DeliverabilityDto.from(deliverability, false),
    };
  }
}

export class EnrollmentListDto {
  @ApiProperty({ type: EnrollmentSummaryDto, isArray: true }) data!: EnrollmentSummaryDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}
