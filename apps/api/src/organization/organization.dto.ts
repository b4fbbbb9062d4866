import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { organizationDisplayName } from '@retrowalk/application';
import { IsLocalTime, IsMailHeaderName, IsTimeZone, NoLineBreaks } from '@retrowalk/http';
import {
  CLEARANCE_POLICIES,
  type ClearancePolicy,
  DEFAULT_CONFIRMATIONS_PER_MINUTE,
  MAX_CONFIRMATIONS_PER_MINUTE,
  MIN_CONFIRMATIONS_PER_MINUTE,
  OUTCOME_WEEK_LIMITS,
} from '@retrowalk/domain';
import { type OrganizationEntity } from '@retrowalk/persistence';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ReminderDto } from '../enrollments/enrollment.dto';

export class QuietHoursDto {
  @ApiProperty({ example: '21:00', description: 'Local time, HH:MM' })
  @IsLocalTime()
  start!: string;

  @ApiProperty({ example: '07:00', description: 'Local time, HH:MM; equal to start means none' })
  @IsLocalTime()
  end!: string;
}

const PRESENT = (_: object, value: unknown) => value !== undefined;

export class OutcomeChecksDto {
  @ApiPropertyOptional({
    example: true,
    description: 'Send outcome checks to people who confirm from now on',
  })
  @ValidateIf(PRESENT)
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({
    example: [6, 12],
    type: [Number],
    description: `Programme weeks of the two later checks (whole weeks, ${OUTCOME_WEEK_LIMITS.min}-${OUTCOME_WEEK_LIMITS.max}, the second after the first); for people who confirm from now on`,
  })
  @ValidateIf(PRESENT)
  @IsArray({ message: 'must list two weeks, such as [6, 12]' })
  @ArrayMinSize(2, { message: 'must list two weeks, such as [6, 12]' })
  @ArrayMaxSize(2, { message: 'must list two weeks, such as [6, 12]' })
  @IsInt({ each: true, message: 'must be whole weeks' })
  weeks?: number[];
}

export class UpdateOrganizationDto {
  // Both names may end up in a mail header, so both follow the header rules (libs/domain/src/names).
  @ApiPropertyOptional({
    nullable: true,
    example: 'Acme Wellbeing',
    description: 'Shown to participants. Visible text without < > " @ \\ or "=?"',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsMailHeaderName()
  displayName?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Acme Wellbeing team',
    description: 'The From name. Visible text without < > " @ \\ or "=?"',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsMailHeaderName()
  senderName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'wellbeing@acme.example' })
  @IsOptional()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  replyTo?: string | null;

  @ApiPropertyOptional({ example: 'coach@acme.example', description: 'Where coach alerts go' })
  @ValidateIf(PRESENT)
  @IsString()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  coachEmail?: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'clinic-lead@acme.example',
    description: 'The other coach address: coach alerts go there when coachEmail bounces or is suppressed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  backupCoachEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Europe/London' })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  defaultTimezone?: string | null;

  @ApiPropertyOptional({ type: ReminderDto })
  @ValidateIf(PRESENT)
  @ValidateNested()
  @Type(() => ReminderDto)
  defaultReminder?: ReminderDto;

  @ApiPropertyOptional({ type: QuietHoursDto })
  @ValidateIf(PRESENT)
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;

  @ApiPropertyOptional({
    minimum: MIN_CONFIRMATIONS_PER_MINUTE,
    maximum: MAX_CONFIRMATIONS_PER_MINUTE,
    example: DEFAULT_CONFIRMATIONS_PER_MINUTE,
    description:
      'How many confirmation emails from CSV imports may fall due per minute (all imports together)',
  })
  @ValidateIf(PRESENT)
  @IsInt({ message: 'must be a whole number' })
  @Min(MIN_CONFIRMATIONS_PER_MINUTE)
  @Max(MAX_CONFIRMATIONS_PER_MINUTE)
  importConfirmationsPerMinute?: number;

  @ApiPropertyOptional({
    enum: CLEARANCE_POLICIES,
    example: 'coach_confirms',
    description:
      'Who ends a safety stop. coach_confirms (default): the participant saying a professional ' +
      'cleared them is recorded and a coach confirms it (workspace or POST .../clearance) before ' +
      'anything restarts. participant_attests: their word restarts the programme and the coach is told.',
  })
  @ValidateIf(PRESENT)
  @IsIn(CLEARANCE_POLICIES, { message: `must be one of ${CLEARANCE_POLICIES.join(', ')}` })
  clearancePolicy?: ClearancePolicy;

  @ApiPropertyOptional({ type: OutcomeChecksDto })
  @ValidateIf(PRESENT)
  @ValidateNested()
  @Type(() => OutcomeChecksDto)
  outcomeChecks?: OutcomeChecksDto;
}

export class OutcomeChecksResponseDto {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: [Number], example: [6, 12] }) weeks!: number[];
}

export class OrganizationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The name participants see (display name, or name)' }) shownAs!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) senderName!: string | null;
  @ApiProperty({ nullable: true, type: String }) replyTo!: string | null;
  @ApiProperty() coachEmail!: string;
  @ApiProperty({ nullable: true, type: String }) backupCoachEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) defaultTimezone!: string | null;
  @ApiProperty({ type: ReminderDto }) defaultReminder!: ReminderDto;
  @ApiProperty({ type: QuietHoursDto }) quietHours!: QuietHoursDto;
  @ApiProperty({ description: 'Import confirmation emails due per minute, at most' })
  importConfirmationsPerMinute!: number;
  @ApiProperty({ type: OutcomeChecksResponseDto, description: 'Outcome checks: on or off, and their weeks' })
  outcomeChecks!: OutcomeChecksResponseDto;
  @ApiProperty({ enum: CLEARANCE_POLICIES }) clearancePolicy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;

  static from(o: OrganizationEntity): OrganizationResponseDto {
    return {
      id: o.id,
      name: o.name,
      shownAs: organizationDisplayName(o),
      displayName: o.displayName,
      senderName: o.senderName,
      replyTo: o.replyTo,
      coachEmail: o.coachEmail,
      backupCoachEmail: o.backupCoachEmail,
      defaultTimezone: o.defaultTimezone,
      defaultReminder: { days: o.defaultReminderDays, time: o.defaultReminderTime },
      quietHours: { start: o.quietHoursStart, end: o.quietHoursEnd },
      importConfirmationsPerMinute: o.importConfirmationsPerMinute,
      outcomeChecks: {
        enabled: o.outcomeChecksEnabled,
        weeks: [o.outcomeDoseEndWeek, o.outcomeFollowUpWeek],
      },
      clearancePolicy: o.clearancePolicy,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt?.toISOString() ?? null,
    };
  }
}
