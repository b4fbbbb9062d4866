import {
  acceptedRequestId,
  currentRequestScope,
  isSaneRequestId,
  runInRequestScope,
} from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acceptedRequestId', () => {
  it.each(['a', 'abc-123', 'req_1.2:3', 'A'.repeat(128), '00-4bf92f3577b34da6a3ce929d0e0e4736'])(
    'keeps the sane id %s',
    (id) => expect(acceptedRequestId(id)).toBe(id),
  );

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a space', 'a b'],
    ['a line break', 'a\nb'],
    ['a quote', 'a"b'],
    ['a slash', 'a/b'],
    ['non-ASCII', 'réq'],
    ['an email', 'sam@example.com'],
    ['a repeated header (array)', ['a', 'b']],
    ['no header', undefined],
    ['a number', 42],
  ])('makes a new UUID for %s', (_, given) => {
    const id = acceptedRequestId(given);
    expect(id).toMatch(UUID);
    expect(isSaneRequestId(id)).toBe(true);
  });

  it('makes a different id each time', () => {
    expect(acceptedRequestId(undefined)).not.toBe(acceptedRequestId(undefined));
  });
});

describe('request scope', () => {
  it('is there in everything the work starts, awaited or not, and gone outside it', async () => {
    expect(currentRequestScope()).toBeUndefined();
    const seen: (string | undefined)[] = [];
    let later: Promise<void> = Promise.resolve();
    await runInRequestScope({ requestId: 'r1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(currentRequestScope()?.requestId);
      later = new Promise((resolve) => setImmediate(resolve)).then(() => {
        seen.push(currentRequestScope()?.requestId);
      });
    });
    await later;
    expect(seen).toEqual(['r1', 'r1']);
    expect(currentRequestScope()).toBeUndefined();
  });

  it('keeps concurrent scopes apart', async () => {
    const read = (id: string, ms: number) =>
      runInRequestScope({ requestId: id, jobId: `job-${id}` }, async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return currentRequestScope();
      });
    await expect(Promise.all([read('a', 20), read('b', 1)])).resolves.toEqual([
      { requestId: 'a', jobId: 'job-a' },
      { requestId: 'b', jobId: 'job-b' },
    ]);
  });
});
