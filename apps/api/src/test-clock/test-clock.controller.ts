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

export class TestClockAdvanceDto extends TestClockDto {
  @ApiProperty({ description: 'Messages sent on the way' }) sent!: number;
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
    description:
      'Stops at every due time, retry time and lapsed lease on the way. A message that makes no progress ' +
      'for TEST_CLOCK_STALL_MS does not hold the clock: the clock still moves, and the answer is a 504 ' +
      '`test_clock_timeout` whose details name each message not delivered and why.',
  })
  @ApiOkResponse({ type: TestClockAdvanceDto })
  @ApiErrors({ status: 400, description: 'Not an instant, or before the current test time' }, 401, 500, {
    status: 504,
    description:
      'Something due was not delivered: the clock moved all the same; details name each message and why',
  })
  async set(@Body() body: SetTestClockDto): Promise<{ now: string; sent: number }> {
    const { now, sent } = await this.testClock.advanceTo(new Date(body.now));
    return { now: now.toISOString(), sent };
  }
}
