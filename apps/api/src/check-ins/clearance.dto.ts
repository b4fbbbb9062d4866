import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ClearanceDto {
  @ApiPropertyOptional({
    example: 'Dr Patel (physio) saw Sam on 3 March and cleared them to walk again.',
    description: 'Who cleared them and when; shown in the timeline and kept in the decision audit',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
