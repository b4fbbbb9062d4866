import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppProcess,
  copiesByRow,
  freePort,
  messageRows,
  type ReceivedEmail,
  RetrowalkHarness,
  SmtpSink,
} from '@retrowalk/testing';

/**
 * Workers as real processes, killed on purpose while they send. Real time here (no test clock), with
 * a 3-second lease, so a dead worker's claims come back within seconds.
 */
const KILLABLE = {
  TEST_CLOCK: 'disabled',
  DISPATCH_LEASE_MS: '3000',
  DISPATCH_INTERVAL_MS: '200',
  SEND_CONCURRENCY: '5',
  SHUTDOWN_GRACE_MS: '3000',
};

describe('workers that die or are stopped while sending', () => {
  let smtp: SmtpSink;
  let rw: RetrowalkHarness;
  let apiKey: string;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    rw = await RetrowalkHarness.start({ smtpUrl: smtp.url, worker: false, env: KILLABLE });
    ({ apiKey } = await rw.createOrganization('Crash Physio', 'coach@crash.test'));
  });

  afterAll(async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    await rw.close();
    await smtp.stop();
  });

  beforeEach(() => {
    smtp.behaviour = {};
  });

  async function startWorker(env: Record<string, string> = {}): Promise<AppProcess> {
    // Info level: AppProcess knows a process is up by the line it logs then.
    const worker = await AppProcess.start('worker', { ...rw.env, LOG_LEVEL: 'info', ...env });
    workers.push(worker);
    return worker;
  }

  const mine = (tag: string): ReceivedEmail[] => smtp.received.filter((m) => m.to.startsWith(`${tag}-`));

  /**
   * Each message arrived once, or twice only when its first copy was accepted just before a kill
   * (the SMTP server had it, the dead process had not marked it): at most one extra copy per
   * message in flight at a kill, so at most SEND_CONCURRENCY per kill.
   */
  function expectOnceOrInTheWindow(tag: string, n: number, killedAt: number[]): void {
    const copies = copiesByRow(mine(tag));
    expect(copies.size).toBe(n);
    const twice = [...copies].filter(([, c]) => c === 2).map(([id]) => id);
    expect([...copies.values()].every((c) => c <= 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(killedAt.length * Number(KILLABLE.SEND_CONCURRENCY));
    for (const id of twice) {
      const first = mine(tag).find((m) => m.messageId.startsWith(`<${id}@`))!;
      // Around the kill: the listener may finish accepting a message a moment after its sender died.
      expect(killedAt.some((at) => Math.abs(first.receivedAt - at) < 1000)).toBe(true);
    }
  }

  it('a worker SIGKILLed again and again mid-send: every message arrives, twice only inside the window', async () => {
    smtp.behaviour = { data: () => ({ delayMs: 150 }) };
    const ids = await rw.enrolMany(apiKey, 'kill', 45);
    const killedAt: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const worker = await startWorker();
      await smtp.waitFor(() => mine('kill').length >= round * 8, 30_000);
      killedAt.push(Date.now());
      await worker.kill('SIGKILL');
    }
    await startWorker();
    await smtp.waitFor(() => copiesByRow(mine('kill')).size >= 45, 60_000);
    await sleep(1000);
    const rows = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
    expect(rows.map((r) => r.status)).toEqual(Array(45).fill('sent'));
    expectOnceOrInTheWindow('kill', 45, killedAt);
  });

  it('SIGTERM while the SMTP server hangs: exits 0 within the grace, and the next worker sends each once', async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    // The server takes the messages and never answers: the sends cannot finish by themselves.
    smtp.behaviour = { data: () => 'hang' };
    const worker = await startWorker({ SMTP_SOCKET_TIMEOUT_MS: '600000' });
    const ids = await rw.enrolMany(apiKey, 'hang', 4);
    await sleep(1500);
    expect((await messageRows(rw, 'enrollment_id = ANY($1)', [ids])).map((r) => r.status)).toContain(
      'sending',
    );

    const stoppedAt = Date.now();
    const exit = await worker.kill('SIGTERM');
    const took = Date.now() - stoppedAt;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(Number(KILLABLE.SHUTDOWN_GRACE_MS) + 2000);
    // What it could not finish is back in the schedule at once, not after a lease.
    const handedBack = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
    expect(handedBack.map((r) => r.status)).toEqual(Array(4).fill('pending'));

    smtp.behaviour = {};
    await startWorker();
    await smtp.waitFor(() => mine('hang').length >= 4, 30_000);
    await sleep(1000);
    // The hung server never said yes, so nothing was delivered twice.
    expect([...copiesByRow(mine('hang')).values()]).toEqual([1, 1, 1, 1]);
  });

  it('two workers at once, one of them killed: every message once or inside the window', async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    smtp.behaviour = { data: () => ({ delayMs: 100 }) };
    const [a] = [await startWorker(), await startWorker()];
    const ids = await rw.enrolMany(apiKey, 'pair', 40);
    await smtp.waitFor(() => mine('pair').length >= 10, 30_000);
    const killedAt = [Date.now()];
    await a.kill('SIGKILL');
    await smtp.waitFor(() => copiesByRow(mine('pair')).size >= 40, 60_000);
    // The listener may have taken a message the killed worker never marked: its row waits for the
    // lease (3 s) to be taken over, so wait for the rows, not only for the copies (pooled sending
    // can finish the rest sooner than that). The bound is generous for a loaded machine; a healthy
    // run settles within a lease or two and leaves the loop at once.
    const settleBy = Date.now() + 10 * Number(KILLABLE.DISPATCH_LEASE_MS);
    while (Date.now() < settleBy) {
      const unfinished = await messageRows(rw, `enrollment_id = ANY($1) AND status <> 'sent'`, [ids]);
      if (unfinished.length === 0) break;
      await sleep(250);
    }
    await sleep(1000);
    const rows = await messageRows(rw, 'enrollment_id = ANY($1)', [ids]);
    expect(rows.map((r) => r.status)).toEqual(Array(40).fill('sent'));
    expectOnceOrInTheWindow('pair', 40, killedAt);
  });

  it('the api stops on SIGTERM: finishes the request in flight, refuses new ones, exits 0', async () => {
    const port = await freePort();
    const api = await AppProcess.start('api', { ...rw.env, PORT: String(port), LOG_LEVEL: 'info' });
    try {
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      // A CSV upload that takes a second to arrive is in flight when the signal comes.
      const slowUpload = fetch(`${url}/v1/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
        body: slowCsv(),
        duplex: 'half',
      });
      await sleep(300);
      const exited = api.kill('SIGTERM');
      await sleep(200);
      // A request that arrives after the signal is refused (503 while closing, or no connection).
      const late = await fetch(`${url}/v1/organization`, {
        headers: { authorization: `Bearer ${apiKey}` },
      }).then(
        (r) => r.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);
      const answer = await slowUpload;
      expect(answer.status).toBe(202);
      await expect(exited).resolves.toEqual({ code: 0, signal: null });
    } finally {
      await api.kill('SIGKILL');
    }
  });
});

function slowCsv(): ReadableStream<Uint8Array> {
  const screening = 'severeKneeInjury,acutePain,balanceDisorder,vertigo,recentKneeSurgery,clinicianClearance';
  const lines = [
    `email,firstName,timezone,reminderDays,reminderTime,audience,${screening}\n`,
    'slow-1@example.com,Ana,Europe/Berlin,mon wed fri,07:30,general,no,no,no,no,no,no\n',
    'slow-2@example.com,Ben,Europe/Berlin,mon wed fri,07:30,general,no,no,no,no,no,no\n',
  ];
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream({
    async pull(controller) {
      const line = lines.shift();
      if (line === undefined) return controller.close();
      if (!first) await sleep(400);
      first = false;
      controller.enqueue(encoder.encode(line));
    },
  });
}
