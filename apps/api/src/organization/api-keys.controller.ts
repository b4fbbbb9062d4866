import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedCaller, OrganizationService } from '@retrowalk/application';
import { Authenticated } from '../auth/authenticated.decorator';
import { Caller } from '../auth/caller.decorator';
import { ApiErrors } from '../common/api-errors';
import { ApiKeyIdPipe } from '../common/id-pipes';
import { ApiKeyListDto, ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './api-key.dto';

@ApiTags('organization')
@Authenticated()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly organizations: OrganizationService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key with a role; the key is in this answer only' })
  @ApiResponse({ status: 201, type: CreatedApiKeyResponseDto })
  @ApiErrors(400)
  async create(
    @Caller() caller: AuthenticatedCaller,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponseDto> {
    const issued = await this.organizations.createApiKey(
      caller.organizationId,
      body.role,
      body.label?.trim() ?? null,
    );
    return { ...ApiKeyResponseDto.from(issued.apiKey), key: issued.key };
  }

  @Get()
  @ApiOperation({ summary: 'The keys that work now (never the keys themselves)' })
  @ApiResponse({ status: 200, type: ApiKeyListDto })
  async list(@Caller() caller: AuthenticatedCaller): Promise<{ data: ApiKeyResponseDto[] }> {
    const keys = await this.organizations.listApiKeys(caller.organizationId);
    return { data: keys.map((key) => ApiKeyResponseDto.from(key)) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key; the next request with it is refused' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiErrors(404, { status: 409, description: 'It is the last admin key' })
  async revoke(@Caller() caller: AuthenticatedCaller, @Param('id', ApiKeyIdPipe) id: string): Promise<void> {
    await this.organizations.revokeApiKey(caller.organizationId, id);
  }
}
