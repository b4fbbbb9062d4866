import { assertEveryJobHandled, JobName, QUEUE_OF } from './job-contract';

describe('job contract', () => {
  const noop = async () => undefined;

  it('accepts exactly one handler per job name', () => {
    expect(() =>
      assertEveryJobHandled({
        [JobName.DispatchDueMessages]: noop,
        [JobName.SendMessage]: noop,
        [JobName.ProcessImport]: noop,
      }),
    ).not.toThrow();
  });

  it('refuses to start with a job that has no handler', () => {
    expect(() => assertEveryJobHandled({ [JobName.SendMessage]: noop })).toThrow(
      /missing \[DispatchDueMessages, ProcessImport\]/,
    );
  });

  it('refuses a handler for a job the contract does not know', () => {
    expect(() =>
      assertEveryJobHandled({
        [JobName.DispatchDueMessages]: noop,
        [JobName.SendMessage]: noop,
        [JobName.ProcessImport]: noop,
        SendFax: noop,
      }),
    ).toThrow(/unknown \[SendFax\]/);
  });

  it('puts every job on a queue', () => {
    for (const name of Object.values(JobName)) expect(QUEUE_OF[name]).toBeDefined();
  });
});
