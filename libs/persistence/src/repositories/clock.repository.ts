import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentManager, DATA_SOURCE } from '../unit-of-work';

/** The simulated "now" shared by the api and the worker when the test clock is enabled. */
@Injectable()
export class ClockRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async read(): Promise<Date | null> {
    const rows = await currentManager(this.dataSource).query<{ now: Date }[]>(
      'SELECT now FROM test_clock WHERE id = 1',
    );
    return rows[0]?.now ?? null;
  }

  async write(now: Date): Promise<void> {
    await currentManager(this.dataSource).query(
      `INSERT INTO test_clock (id, now) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET now = excluded.now`,
      [now],
    );
  }
}
