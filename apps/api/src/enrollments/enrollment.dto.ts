import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIENCES, type Audience, SUPPRESSION_REASONS, WEEKDAYS, type Weekday } from '@retrowalk/domain';
import { IsLocalTime, IsName, IsTimeZone, NoLineBreaks } from '@retrowalk/http';
import { type Deliverability, type EnrollmentView } from '@retrowalk/application';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ReminderDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['mon', 'wed', 'fri'] })
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one day' })
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'must not repeat a day' })
  @IsIn(WEEKDAYS, { each: true, message: 'must be days written as mon, tue, wed, thu, fri, sat or sun' })
  days!: Weekday[];

  @ApiProperty({ example: '07:30', description: 'Local time in the participant timezone, HH:MM (24-hour)' })
  @IsLocalTime()
  time!: string;
}

export class ScreeningDto {
  @ApiProperty() @IsBoolean() severeKneeInjury!: boolean;
  @ApiProperty() @IsBoolean() acutePain!: boolean;
  @ApiProperty() @IsBoolean() balanceDisorder!: boolean;
  @ApiProperty() @IsBoolean() vertigo!: boolean;
  @ApiProperty() @IsBoolean() recentKneeSurgery!: boolean;
  @ApiProperty({ description: 'A healthcare professional has already cleared them for retro walking' })
  @IsBoolean()
  clinicianClearance!: boolean;
}

export class CreateEnrollmentDto {
  @ApiProperty({ example: 'sam@example.com' })
  @IsString()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  email!: string;

  @ApiProperty({ example: 'Sam' })
  @IsString()
  @Length(1, 100)
  @IsName()
  firstName!: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description:
      "IANA timezone of a place (any case; stored as the tz database spells it); the organisation's default timezone when left out",
  })
  @IsOptional()
  @IsString()
  @NoLineBreaks()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: ReminderDto,
    description: "The organisation's default reminder days and time when left out",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderDto)
  reminder?: ReminderDto;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES, { message: `must be one of ${AUDIENCES.join(', ')}` })
  audience!: Audience;

  @ApiProperty({ type: ScreeningDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ScreeningDto)
  screening!: ScreeningDto;

  @ApiPropertyOptional({ example: 'crm-1234', description: 'Your own id for this person' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NoLineBreaks()
  externalId?: string;
}

export class UpdateEnrollmentDto {
  @ApiPropertyOptional({
    example: 'sam.new@example.com',
    description:
      'A new address: it gets a confirmation email, and until it is confirmed only safety emails go there ' +
      '(reminders due meanwhile are cancelled, the programme itself carries on). Also the way off the ' +
      'suppression list: the same address, when suppressed, is asked to confirm again.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @NoLineBreaks()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: ReminderDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderDto)
  reminder?: ReminderDto;
}

export class DeliverabilityDto {
  @ApiProperty({ enum: ['ok', 'suppressed'] }) status!: 'ok' | 'suppressed';
  @ApiPropertyOptional({ enum: SUPPRESSION_REASONS, description: 'Why the address is suppressed' })
  reason?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What the server or provider said' })
  detail?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) since?: string;
  @ApiPropertyOptional({ description: 'True while a changed address waits for its confirmation' })
  awaitingConfirmation?: boolean;

  static from(d: Deliverability | undefined, awaitingConfirmation: boolean): DeliverabilityDto {
    const base: DeliverabilityDto =
      d?.status === 'suppressed'
        ? { status: 'suppressed', reason: d.reason, detail: d.detail, since: d.since.toISOString() }
        : { status: 'ok' };
    return awaitingConfirmation ? { ...base, awaitingConfirmation } : base;
  }
}

export class EnrollmentResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: ['pending_confirmation', 'active', 'paused', 'needs_clearance', 'unsubscribed', 'completed'],
    description: 'An erased enrolment is never returned: every route answers 404 for it',
  })
  status!: string;
  @ApiProperty({ minimum: 1, maximum: 6 }) level!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the next session reminder is due (UTC); null until confirmed, or while not active',
  })
  nextReminderAt!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: ReminderDto }) reminder!: ReminderDto;
  @ApiProperty({ enum: AUDIENCES }) audience!: string;
  @ApiProperty({ type: ScreeningDto }) screening!: ScreeningDto;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt!: string | null;
  @ApiProperty({
    type: DeliverabilityDto,
    description: 'Whether mail to this address is sent (suppression list)',
  })
  deliverability!: DeliverabilityDto;

  static from(
    { enrollment: e, nextReminderAt }: EnrollmentView,
    deliverability?: Deliverability,
  ): EnrollmentResponseDto {
    return {
      id: e.id,
      status: e.status,
      level: e.level,
      nextReminderAt: nextReminderAt?.toISOString() ?? null,
      email: e.email,
      firstName: e.firstName,
      timezone: e.timezone,
      reminder: { days: e.reminderDays, time: e.reminderTime },
      audience: e.audience,
      screening: e.screening,
      externalId: e.externalId,
      createdAt: e.createdAt.toISOString(),
      confirmedAt: e.confirmedAt?.toISOString() ?? null,
      deliverability: DeliverabilityDto.from(deliverability, e.addressUnconfirmedSince !== null),
    };
  }
}

/** What a wellness manager gets back on enrolling someone: no status, level or screening. */
export class EnrollmentReceiptDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from({ enrollment: e }: EnrollmentView): EnrollmentReceiptDto {
    return {
      id: e.id,
      email: e.email,
      firstName: e.firstName,
      externalId: e.externalId,
      createdAt: e.createdAt.toISOString(),
    };
  }
}
