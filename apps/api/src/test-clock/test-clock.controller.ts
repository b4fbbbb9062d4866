import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { TestClockService } from '@retrowalk/application';
import { IsISO8601 } from 'class-validator';
import { ApiKeyGuard } from '../auth/api-key.guard';

export class SetTestClockDto {
  @ApiProperty({ example: '2027-03-01T12:00:00Z', description: 'ISO instant; forward only' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 instant such as 2027-03-01T12:00:00Z' })
  now!: string;
}

export class TestClockDto {
  @ApiProperty({ format: 'date-time', description: 'The shared clock' }) now!: string;
}

/** Only mounted with TEST_CLOCK=enabled, which configuration refuses in production. */
@ApiTags('test-clock')
// Admin keys only, and outside any organisation's transaction: the clock is shared by everyone, and
// advancing it waits for the worker, which must see the new time committed.
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1/test-clock')
export class TestClockController {
  constructor(private readonly testClock: TestClockService) {}

  @Get()
  @ApiOkResponse({ type: TestClockDto })
  @ApiErrors(401, 500)
  async get(): Promise<{ now: string }> {
    return { now: (await this.testClock.now()).toISOString() };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the shared clock forward; answers once every message due by then has been sent',
  })
  @ApiOkResponse({ type: TestClockDto })
  @ApiErrors({ status: 400, description: 'Not an instant, or before the current test time' }, 401, 500, {
    status: 504,
    description: 'The worker did not send what was due in time',
  })
  async set(@Body() body: SetTestClockDto): Promise<{ now: string }> {
    return { now: (await this.testClock.advanceTo(new Date(body.now))).toISOString() };
  }
}
