import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedCaller, OrganizationService } from '@retrowalk/application';
import { DomainError } from '@retrowalk/domain';
import { Authenticated, Roles } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { OrganizationResponseDto, UpdateOrganizationDto } from './organization.dto';

@ApiTags('organization')
@Authenticated()
@Controller('v1/organization')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get()
  @Roles('coach', 'wellness_manager')
  @ApiOperation({ summary: "Your organisation's settings: names in emails, defaults, quiet hours" })
  @ApiResponse({ status: 200, type: OrganizationResponseDto })
  async get(@Caller() caller: AuthenticatedCaller): Promise<OrganizationResponseDto> {
    return OrganizationResponseDto.from(await this.organizations.settings(caller.organizationId));
  }

  @Patch()
  @ApiOperation({ summary: 'Change settings; send only what changes (null clears an optional one)' })
  @ApiResponse({ status: 200, type: OrganizationResponseDto })
  @ApiErrors(400)
  async update(
    @Caller() caller: AuthenticatedCaller,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationResponseDto> {
    if (Object.values(body).every((value) => value === undefined)) {
      throw new DomainError('validation_failed', 'Send at least one setting to change.', [
        { field: 'body', message: 'names no setting' },
      ]);
    }
    const organization = await this.organizations.updateSettings(caller.organizationId, {
      ...body,
      displayName: body.displayName?.trim() ?? body.displayName,
      senderName: body.senderName?.trim() ?? body.senderName,
    });
    return OrganizationResponseDto.from(organization);
  }
}
