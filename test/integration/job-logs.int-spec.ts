import { Logger } from '@nestjs/common';
import { loadConfig } from '@retrowalk/config';
import { JsonLogger } from '@retrowalk/http';
import { runInRequestScope } from '@retrowalk/observability';
import { type JobHandlers, JobName, JobRepository, JobSettled, UnrecoverableError } from '@retrowalk/queue';
import { dropRedisKeys, uniqueRedisPrefix } from '@retrowalk/testing';

/**
 * A job carries the request id of the work that added it, the worker's lines for it carry that id
 * and the job's id, and a failed attempt logs its stack (redacted) in the line's stack field: a
 * warning while BullMQ tries again, an error after the last try. Real Redis, own prefix.
 */
describe('job log lines', () => {
  const lines: string[] = [];
  let jobs: JobRepository;
  const prefix = uniqueRedisPrefix();
  const config = loadConfig({ REDIS_PREFIX: prefix, SEND_ATTEMPTS: '2', SEND_RETRY_DELAY_MS: '10' });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  async function until(what: string, found: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    Logger.overrideLogger(new JsonLogger('worker', 'info', (line) => lines.push(line)));
    jobs = new JobRepository(config);
    await jobs.onModuleInit();
    const log = new Logger('Processor');
    const handlers: JobHandlers = {
      [JobName.DispatchDueMessages]: async () => {
        log.log('dispatching');
        // What a dispatch adds carries the dispatch's request id on to the sends.
        await jobs.enqueueSends([{ id: 'send-from-dispatch', claim: 1 }]);
      },
      [JobName.SendMessage]: async ({ messageId }, { attempt }) => {
        log.log(`sending ${messageId} (try ${attempt})`);
        if (messageId === 'fails') throw new Error(`SMTP 550 for sam%40example.com on try ${attempt}`);
      },
      [JobName.ProcessImport]: async ({ importId }) => {
        if (importId === 'settled') throw new JobSettled('bounced: 550 for anne&#64;example.com');
        throw new UnrecoverableError('the file is not CSV (anne&#64;example.com)');
      },
    };
    jobs.startWorkers(handlers, { sendConcurrency: 2 });
  });

  afterAll(async () => {
    await jobs.close(true);
    Logger.overrideLogger(false);
    await dropRedisKeys(config.redisUrl, prefix);
  });

  it("a job's lines carry the request id it was added with, passed on to the jobs it adds", async () => {
    await runInRequestScope({ requestId: 'req-nudge-1' }, () => jobs.nudgeDispatch());
    await until('the send', () => lines.some((l) => l.includes('sending send-from-dispatch')));
    const dispatching = entries().find((e) => e.msg === 'dispatching')!;
    expect(dispatching).toMatchObject({ requestId: 'req-nudge-1', jobId: expect.stringMatching(/^nudge-/) });
    const sending = entries().find((e) => e.msg === 'sending send-from-dispatch (try 1)');
    expect(sending).toMatchObject({ requestId: 'req-nudge-1', jobId: 'send-from-dispatch.1' });
  });

  it('a job no request added gets an id of its own', async () => {
    await jobs.enqueueSends([{ id: 'unscoped', claim: 4 }]);
    await until('the send', () => lines.some((l) => l.includes('sending unscoped')));
    expect(entries().find((e) => e.msg === 'sending unscoped (try 1)')).toMatchObject({
      requestId: 'job:send:unscoped.4',
      jobId: 'unscoped.4',
    });
  });

  it('a failing job: a warning with the stack, then an error after the last try, redacted', async () => {
    await runInRequestScope({ requestId: 'req-fail' }, () => jobs.enqueueSends([{ id: 'fails', claim: 1 }]));
    await until('the last failure', () => lines.some((l) => l.includes('the last') && l.includes('fails.1')));
    const failures = entries().filter((e) => String(e.msg).startsWith('Job SendMessage fails.1 failed'));
    expect(failures.map((e) => e.level)).toEqual(['warn', 'error']);
    for (const [n, failure] of failures.entries()) {
      expect(failure).toMatchObject({ context: 'JobRepository', requestId: 'req-fail', jobId: 'fails.1' });
      expect(failure.stack).toEqual(expect.stringContaining(`Error: SMTP 550 for [email] on try ${n + 1}`));
      expect(failure.stack).toEqual(expect.stringContaining('job-logs.int-spec.ts'));
    }
    expect(failures[1]!.msg).toContain('(attempt 2 of 2, the last)');
    expect(lines.join('\n')).not.toContain('sam%40example.com');
  });

  it('an unrecoverable failure is an error at once', async () => {
    await runInRequestScope({ requestId: 'req-import' }, () => jobs.enqueueImport('imp-1'));
    await until('the import failure', () => lines.some((l) => l.includes('import-imp-1 failed')));
    const failure = entries().find((e) => String(e.msg).includes('import-imp-1 failed'))!;
    expect(failure).toMatchObject({ level: 'error', requestId: 'req-import', jobId: 'import-imp-1' });
    expect(failure.stack).toEqual(
      expect.stringContaining('UnrecoverableError: the file is not CSV ([email])'),
    );
  });

  it('a job that settled on purpose (a bounce, a reschedule) is one warning, without a stack', async () => {
    await jobs.enqueueImport('settled');
    await until('the settled job', () => lines.some((l) => l.includes('import-settled ended')));
    const settled = entries().filter((e) => String(e.msg).includes('import-settled'));
    expect(settled).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Job ProcessImport import-settled ended: bounced: 550 for [email]',
      }),
    ]);
    expect(settled[0]!.stack).toBeUndefined();
  });
});
