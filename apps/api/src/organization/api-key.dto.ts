import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsName } from '@retrowalk/http';
import { API_KEY_ROLES, type ApiKeyEntity, type ApiKeyRole } from '@retrowalk/persistence';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({
    enum: API_KEY_ROLES,
    description:
      'admin: keys and settings, and everything else; coach: individual participants, check-ins, ' +
      'clearance, coach alerts; wellness_manager: enrolment, imports and reports only (aggregates)',
  })
  @IsIn(API_KEY_ROLES, { message: `must be one of ${API_KEY_ROLES.join(', ')}` })
  role!: ApiKeyRole;

  @ApiPropertyOptional({ example: 'HR dashboard', description: 'What the key is for, in your words' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsName()
  label?: string;
}

export class ApiKeyResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'rw_Zk3q9aB', description: 'The first characters of the key' })
  prefix!: string;
  @ApiProperty({ enum: API_KEY_ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastUsedAt!: string | null;

  static from(key: ApiKeyEntity): ApiKeyResponseDto {
    return {
      id: key.id,
      prefix: key.prefix,
      role: key.role,
      label: key.label,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself. Shown this once: store it now.' })
  key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: ApiKeyResponseDto, isArray: true }) data!: ApiKeyResponseDto[];
}
