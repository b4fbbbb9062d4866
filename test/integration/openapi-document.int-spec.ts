import { RetrowalkHarness } from '@retrowalk/testing';

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<
    string,
    { content?: Record<string, { schema?: { $ref?: string } & Record<string, unknown> }> }
  >;
}

/**
 * The OpenAPI document is the API's contract: every answer of every route has a documented
 * body (but 204), and every error it can give is listed with the one error shape.
 */
describe('the OpenAPI document', () => {
  let rw: RetrowalkHarness;
  let operations: [string, Operation][];

  beforeAll(async () => {
    rw = await RetrowalkHarness.start({ worker: false });
    const doc = await rw.request<{ paths: Record<string, Record<string, Operation>> }>('GET', '/docs-json');
    operations = Object.entries(doc.body.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]): [string, Operation] => [
          `${method.toUpperCase()} ${path}`,
          op,
        ]),
      );
  });

  afterAll(async () => {
    await rw.close();
  });

  it('documents a body for every successful answer but 204', () => {
    const missing = operations.flatMap(([route, op]) =>
      Object.entries(op.responses)
        .filter(([status, r]) => status.startsWith('2') && status !== '204' && !r.content)
        .map(([status]) => `${route} ${status}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents every error answer with the one error shape', () => {
    const wrong = operations.flatMap(([route, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, r]) => r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBodyDto',
        )
        .map(([status]) => `${route} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('lists the errors each route can give: 401 and 500 always, 400 with input, 404 with an id', () => {
    const gaps = operations.flatMap(([route, op]) => {
      const statuses = Object.keys(op.responses);
      const needs = ['401', '500'];
      const takesInput =
        op.requestBody !== undefined ||
        (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'header');
      if (takesInput) needs.push('400');
      if (route.includes('{id}')) needs.push('404');
      // Roles apply to API keys; the test clock and the providers' signed webhooks have none.
      if (!route.includes('/test-clock') && !route.includes('/email-events')) needs.push('403');
      return needs.filter((s) => !statuses.includes(s)).map((s) => `${route} ${s}`);
    });
    expect(gaps).toEqual([]);
  });
});
