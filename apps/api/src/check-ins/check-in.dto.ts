import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CheckInReport,
  PAIN_TYPES,
  type PainType,
  parseInstant,
  type Resistance,
} from '@retrowalk/domain';
import { IsInstant, NoLineBreaks } from '@retrowalk/http';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const PACES = ['slow', 'comfortable', 'brisk'] as const;
const RESISTANCES: readonly Resistance[] = ['none', 'ankle_weights', 'band'];

export class CreateCheckInDto {
  @ApiProperty({
    example: '2027-03-03T13:00:00Z',
    description:
      'When the walk happened: date, time and UTC offset (RFC 3339). A date alone is refused, as it names no moment.',
  })
  @IsString()
  @IsInstant()
  performedAt!: string;

  @ApiPropertyOptional({ example: 10, description: 'Minutes walked; this and/or distanceMeters' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(300)
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 120 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(50_000)
  distanceMeters?: number;

  @ApiPropertyOptional({ enum: PACES })
  @IsOptional()
  @IsIn(PACES, { message: `must be one of ${PACES.join(', ')}` })
  pace?: (typeof PACES)[number];

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(30)
  inclinePercent?: number;

  @ApiPropertyOptional({ enum: RESISTANCES })
  @IsOptional()
  @IsIn(RESISTANCES, { message: `must be one of ${RESISTANCES.join(', ')}` })
  resistance?: Resistance;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() usedSupport?: boolean;

  @ApiProperty({
    minimum: 0,
    maximum: 10,
    description: 'Pain during the walk, 0 (none) to 10 (worst imaginable)',
  })
  @IsInt({ message: 'must be a whole number from 0 to 10' })
  @Min(0)
  @Max(10)
  painDuring!: number;

  @ApiProperty({ enum: PAIN_TYPES })
  @IsIn(PAIN_TYPES, { message: `must be one of ${PAIN_TYPES.join(', ')}` })
  painType!: PainType;

  @ApiProperty() @IsBoolean() swelling!: boolean;
  @ApiProperty() @IsBoolean() dizziness!: boolean;
  @ApiProperty() @IsBoolean() fall!: boolean;
  @ApiProperty() @IsBoolean() nearFall!: boolean;
  @ApiProperty() @IsBoolean() kneeGaveWay!: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoLineBreaks()
  notes?: string;

  toReport(): CheckInReport {
    const { performedAt, ...rest } = this;
    // Validated above, so never null here; the guard keeps a stray value from becoming "now".
    return { ...rest, performedAt: parseInstant(performedAt) ?? new Date(Number.NaN) };
  }
}
