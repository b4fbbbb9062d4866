/**
 * Gathers the calls made in one turn of the event loop into one call of `run`: with many sends in
 * flight, their claims and their "sent" marks each become one statement instead of one per message.
 * Every caller still gets its own result (or the batch's error), so what a caller may assume about
 * its own row is exactly what it could assume alone.
 */
export class MicroBatcher<I, O> {
  private pending: { item: I; resolve: (result: O) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  /**
   * `windowMs` 0 batches what arrives in the same turn of the event loop; a few milliseconds more
   * gathers the calls of jobs that start one after another (BullMQ hands them over one by one).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 200,
    private readonly windowMs = 0,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        if (this.windowMs > 0) setTimeout(() => this.flush(), this.windowMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.run(batch.map((b) => b.item)).then(
        (results) => batch.forEach((b, i) => b.resolve(results[i] as O)),
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      );
    }
  }
}
