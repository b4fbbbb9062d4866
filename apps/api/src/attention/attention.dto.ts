import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type AttentionListItem } from '@retrowalk/application';
import { ATTENTION_KINDS, type AttentionKind, type AttentionStatus } from '@retrowalk/domain';
import { type AttentionItemEntity } from '@retrowalk/persistence';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ListQueryDto } from '../common/list-query.dto';

export class AttentionQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ATTENTION_KINDS })
  @IsOptional()
  @IsIn(ATTENTION_KINDS, { message: `must be one of ${ATTENTION_KINDS.join(', ')}` })
  kind?: AttentionKind;

  @ApiPropertyOptional({
    enum: ['open', 'acknowledged', 'closed'],
    default: 'open',
    description:
      'open: most urgent kind first, then the longest waiting; acknowledged and closed: newest first',
  })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'closed'], { message: 'must be open, acknowledged or closed' })
  status?: AttentionStatus;
}

export class AcknowledgeDto {
  @ApiProperty({
    example: 'Called Sam: the knee is fine, seeing the physio on Friday.',
    description: 'What you saw or did; kept with who acknowledged it and when',
  })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must say something' })
  note!: string;
}

export class AcknowledgedByDto {
  @ApiProperty({ enum: ['member', 'api_key'] }) kind!: string;
  @ApiProperty() id!: string;
}

export class AttentionItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() enrollmentId!: string;
  @ApiProperty({ description: "The participant's first name" }) firstName!: string;
  @ApiProperty({ enum: ATTENTION_KINDS }) kind!: string;
  @ApiProperty({ enum: ['open', 'acknowledged', 'closed'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: AcknowledgedByDto }) acknowledgedBy!: AcknowledgedByDto | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When its cause went away' })
  closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What closed it, e.g. cleared, walk_logged' })
  closedBy!: string | null;

  static from(item: AttentionItemEntity, firstName: string): AttentionItemDto {
    const by = item.acknowledgedByMemberId
      ? { kind: 'member', id: item.acknowledgedByMemberId }
      : item.acknowledgedByApiKeyId
        ? { kind: 'api_key', id: item.acknowledgedByApiKeyId }
        : null;
    return {
      id: item.id,
      enrollmentId: item.enrollmentId,
      firstName,
      kind: item.kind,
      status: item.status,
      openedAt: item.openedAt.toISOString(),
      acknowledgedAt: item.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: by,
      note: item.note,
      closedAt: item.closedAt?.toISOString() ?? null,
      closedBy: item.closedBy,
    };
  }

  static fromListItem(entry: AttentionListItem): AttentionItemDto {
    return AttentionItemDto.from(entry.item, entry.firstName);
  }
}

export class AttentionListDto {
  @ApiProperty({ type: AttentionItemDto, isArray: true }) data!: AttentionItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
