import { ApiProperty } from '@nestjs/swagger';
import { NoLineBreaks } from '@retrowalk/http';
import { API_KEY_ROLES, type MemberEntity, type MemberRole } from '@retrowalk/persistence';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';

export class CreateMemberDto {
  @ApiProperty({ example: 'dana@acme.example' })
  @IsString()
  @MaxLength(254)
  @NoLineBreaks()
  @IsEmail({}, { message: 'must be a valid email address' })
  email!: string;

  @ApiProperty({ example: 'Dana Okafor', description: 'Shown in the workspace and on what they do' })
  @IsString()
  @Length(1, 100)
  @NoLineBreaks()
  name!: string;

  @ApiProperty({
    enum: API_KEY_ROLES,
    description:
      'As for API keys: admin does everything; coach works with individual participants; ' +
      'wellness_manager sees the cohort reports only',
  })
  @IsIn(API_KEY_ROLES, { message: `must be one of ${API_KEY_ROLES.join(', ')}` })
  role!: MemberRole;
}

export class MemberResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_ROLES }) role!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSignInAt!: string | null;

  static from(m: MemberEntity): MemberResponseDto {
    return {
      id: m.id,
      email: m.email,
      name: m.name,
      role: m.role,
      createdAt: m.createdAt.toISOString(),
      lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
    };
  }
}

export class MemberListDto {
  @ApiProperty({ type: MemberResponseDto, isArray: true }) data!: MemberResponseDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}
