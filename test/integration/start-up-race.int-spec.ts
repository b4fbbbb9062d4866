import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import {
  createRoleIfMissingSql,
  ensureDatabaseExists,
  grantRoleToCurrentUserSql,
  MIGRATIONS,
} from '@retrowalk/persistence';
import { ADMIN_DATABASE_URL, AppProcess, freePort, RetrowalkHarness, withAdmin } from '@retrowalk/testing';
import { Client } from 'pg';

/**
 * A TCP proxy in front of Postgres that holds the first connections until `count` of them have
 * arrived, then lets them all through at once: processes that take different times to load their
 * code then reach the database at the same moment, as they would on a faster machine.
 */
async function startingGate(count: number): Promise<{ port: number; close: () => Promise<void> }> {
  const held: Socket[] = [];
  const open = new Set<Socket>();
  let released = false;
  const pass = (client: Socket) => {
    const postgres = new URL(ADMIN_DATABASE_URL);
    const upstream = connect(Number(postgres.port || 5432), postgres.hostname);
    open.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  };
  const server: Server = createServer((client) => {
    open.add(client);
    if (released) return pass(client);
    held.push(client);
    if (held.length === count) {
      released = true;
      held.splice(0).forEach(pass);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      open.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Processes that start together on a fresh database (npm start, a deployment scaled out, a crash
 * loop) must all come up: one creates the database and migrates, the others wait or find it done.
 */
describe('start-up race', () => {
  let rw: RetrowalkHarness;
  const fresh: string[] = [];
  const processes: AppProcess[] = [];
  const gates: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    // Only for its settings (Redis prefix and the rest): the processes below get their own database.
    rw = await RetrowalkHarness.start({ worker: false });
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await Promise.all(gates.map((g) => g.close()));
    await rw.close();
    await withAdmin(async (c) => {
      for (const name of fresh) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  function freshDatabaseUrl(): { name: string; url: string } {
    const name = `retrowalk_test_race_${randomBytes(5).toString('hex')}`;
    fresh.push(name);
    return { name, url: ADMIN_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`) };
  }

  it('creates a missing database once however many processes ask at the same moment', async () => {
    const { url } = freshDatabaseUrl();
    // Before the fix three of four failed with 23505 on pg_database_datname_index.
    await expect(
      Promise.all(Array.from({ length: 6 }, () => ensureDatabaseExists(url))),
    ).resolves.toHaveLength(6);
  });

  it('creates a role once when two databases migrate at the same moment', async () => {
    const role = `retrowalk_race_probe_${randomBytes(4).toString('hex')}`;
    const [first, second] = [
      new Client({ connectionString: ADMIN_DATABASE_URL }),
      new Client({ connectionString: ADMIN_DATABASE_URL }),
    ];
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await first.query(createRoleIfMissingSql(role));
      // The second waits on the first's uncommitted row, then finds a duplicate when it commits.
      const racing = second.query(createRoleIfMissingSql(role));
      await new Promise((r) => setTimeout(r, 200));
      await first.query(grantRoleToCurrentUserSql(role));
      await first.query('COMMIT');
      await expect(racing).resolves.toBeDefined();
      await expect(second.query(grantRoleToCurrentUserSql(role))).resolves.toBeDefined();
      await second.query('COMMIT');
      const roles = await first.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      expect(roles.rowCount).toBe(1);
    } finally {
      await first.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await Promise.all([first.end(), second.end()]);
    }
  });

  it('brings up two apis and two workers started at once on a database that does not exist yet', async () => {
    const { url } = freshDatabaseUrl();
    const gate = await startingGate(4);
    gates.push(gate);
    const gated = Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(gate.port) }).toString();
    const shared = { ...rw.env, DATABASE_URL: gated, MIGRATE_ON_START: 'true', LOG_LEVEL: 'info' };
    const apiPorts = [await freePort(), await freePort()];
    processes.push(
      ...apiPorts.map((port) =>
        AppProcess.spawn('api', {
          ...shared,
          PORT: String(port),
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        }),
      ),
      AppProcess.spawn('worker', { ...shared, WORKER_PORT: '0' }),
      AppProcess.spawn('worker', { ...shared, WORKER_PORT: '0' }),
    );
    const outcomes = await Promise.allSettled(processes.map((p) => p.waitUntilUp(100_000)));
    const failures = outcomes
      .map((o, i) =>
        o.status === 'rejected' ? `${processes[i]!.app}: ${String(o.reason).slice(0, 600)}` : null,
      )
      .filter((f) => f !== null);
    expect(failures).toEqual([]);
    expect(processes.every((p) => p.running)).toBe(true);

    for (const port of apiPorts) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
    }
    // Migrated exactly once, by whichever process got the lock first.
    const applied = await withAdmin((c) => c.query<{ name: string }>('SELECT name FROM migrations'), url);
    expect(applied.rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    const errors = processes.flatMap((p) => p.lines.filter((line) => line.includes('"level":"error"')));
    expect(errors).toEqual([]);

    // And each stops cleanly on SIGTERM: exit 0, not killed by the signal.
    const exits = await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    expect(exits).toEqual(processes.map(() => ({ code: 0, signal: null })));
  });
});
