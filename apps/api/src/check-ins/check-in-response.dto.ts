import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
const DECISION_ACTIONS = ['carry_on', 'progress', 'hold', 'step_back', 'stop'] as const;

export class CheckInDecisionDto {
  @ApiProperty({ enum: DECISION_ACTIONS }) action!: string;
  @ApiProperty({ minimum: 1, maximum: 6, description: 'The level after this decision' }) level!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Why, in the participant’s words' })
  reasons!: string[];
}

export class CheckInOutcomeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: CheckInDecisionDto }) decision!: CheckInDecisionDto;
}

export class CheckInRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) performedAt!: string;
  @ApiProperty({ description: 'The level the walk was at' }) level!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What was reported: painDuring, painType, durationMinutes, flags, notes...',
  })
  report!: Record<string, unknown>;
  @ApiProperty({ type: CheckInOutcomeDto, description: 'The answer the check-in got' })
  decision!: CheckInOutcomeDto;
  @ApiProperty({ nullable: true, enum: ['settled', 'same', 'worse'] }) followUpAnswer!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CheckInListDto {
  @ApiProperty({ type: CheckInRecordDto, isArray: true, description: 'Oldest first' })
  items!: CheckInRecordDto[];
}

export class TimelineEventDto {
  @ApiProperty({ enum: ['check_in', 'decision', 'message', 'note', 'attention'] }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'check_in, decision: the walk' }) checkInId?: string | null;
  @ApiPropertyOptional({ description: 'decision: check_in, follow_up or clearance' }) source?: string;
  @ApiPropertyOptional({
    description: 'decision: carry_on, progress, hold, step_back, stop, resume, clearance_requested',
  })
  action?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'decision: each rule that fired, with its inputs and reason',
  })
  rules?: unknown[];
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'decision: who decided, when a person did (a clearance): { kind: member|api_key|participant, id }',
  })
  actor?: Record<string, unknown> | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'decision: what the person who cleared wrote',
  })
  note?: string | null;
  @ApiPropertyOptional({ description: 'message and attention: the kind' }) kind?: string;
  @ApiPropertyOptional({ description: 'message and attention: the status' }) status?: string;
  @ApiPropertyOptional({ description: 'note: the words of a coach’s note' }) text?: string;
}

export class TimelineDto {
  @ApiProperty({ type: TimelineEventDto, isArray: true, description: 'In the order it happened' })
  items!: TimelineEventDto[];
}
