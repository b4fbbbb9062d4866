import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('runs the calls of one turn as one batch, each caller getting its own result', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((n) => n * 10);
    });
    await expect(Promise.all([1, 2, 3].map((n) => batcher.add(n)))).resolves.toEqual([10, 20, 30]);
    await expect(batcher.add(4)).resolves.toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a large turn into batches of the maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    await expect(Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)))).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('fails every caller of a batch that failed, and the next batch runs afresh', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>(async (items) => {
      if (fail) throw new Error('Postgres away');
      return items;
    });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.add(3)).resolves.toBe(3);
  });
});
