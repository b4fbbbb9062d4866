import { ApiProperty } from '@nestjs/swagger';

export class CohortReportDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date', description: 'Walks and stops are counted before this day' })
  activityUntil!: string;
  @ApiProperty({ enum: ['week', 'audience', 'level'] }) groupBy!: string;
  @ApiProperty({ description: 'Cells about fewer people than this are suppressed' }) threshold!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'One row per group: enrolled, confirmed, active, adherence, retention by week, levels, share of ' +
      'walks with pain 4+, safety stops; a cell about 1-4 people is { value: null, suppressed: true }',
  })
  groups!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The same figures for everyone' })
  total!: Record<string, unknown>;
  @ApiProperty() recentEnrolmentsHeldBack!: boolean;
  @ApiProperty() currentWeekLeftOut!: boolean;
}

export class ReportLinkDto {
  @ApiProperty({ description: 'The report page; works for an hour, no API key needed' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
