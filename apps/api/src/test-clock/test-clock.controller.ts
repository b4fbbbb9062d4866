import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TestClockService } from '@retrowalk/application';
import { IsISO8601 } from 'class-validator';
import { ApiKeyGuard } from '../auth/api-key.guard';

export class SetTestClockDto {
  @ApiProperty({ example: '2027-03-01T12:00:00Z', description: 'ISO instant; forward only' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 instant such as 2027-03-01T12:00:00Z' })
  now!: string;
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
  async get(): Promise<{ now: string }> {
    return { now: (await this.testClock.now()).toISOString() };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the shared clock forward; answers once every message due by then has been sent',
    description:
      'Stops at every due time, retry time and lapsed lease on the way. A message that makes no progress ' +
      'for TEST_CLOCK_STALL_MS does not hold the clock: the clock still moves, and the answer is a 504 ' +
      '`test_clock_timeout` whose details name each message not delivered and why.',
  })
  async set(@Body() body: SetTestClockDto): Promise<{ now: string; sent: number }> {
    const { now, sent } = await this.testClock.advanceTo(new Date(body.now));
    return { now: now.toISOString(), sent };
  }
}
