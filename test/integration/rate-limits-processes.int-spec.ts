import { AppProcess, freePort, RetrowalkHarness } from '@retrowalk/testing';

/**
 * Two api processes behind one load balancer: real child processes on the same database and
 * Redis prefix count one budget between them, so a caller cannot double its limit by landing on
 * the other replica.
 */
describe('rate limits across api processes', () => {
  let rw: RetrowalkHarness;
  const apis: AppProcess[] = [];
  let ports: number[] = [];

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '6' } });
    ports = [await freePort(), await freePort()];
    apis.push(
      ...(await Promise.all(
        ports.map((port) =>
          AppProcess.start('api', {
            ...rw.env,
            PORT: String(port),
            PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          }),
        ),
      )),
    );
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.kill('SIGTERM')));
    await rw.close();
  });

  it('shares one count: alternating between two processes, the seventh request is refused', async () => {
    const { apiKey } = await rw.createOrganization();
    const seen: number[] = [];
    // On separate counts each process would see 4 of the 8 and refuse none.
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`http://127.0.0.1:${ports[i % 2]}/v1/organization`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      seen.push(res.status);
    }
    expect(seen).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
