import { connect, createServer, type Server, type Socket } from 'node:net';

type Mode = 'pass' | 'stall' | 'refuse';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Bytes held back while stalled, delivered in order on restore (as TCP would retransmit them). */
  held: { to: Socket; chunk: Buffer }[];
}

/**
 * A TCP proxy in front of a real server (Postgres here), for cutting a process off it on purpose:
 * `stall()` keeps every socket open but lets no byte through either way (a network partition: the
 * client hears nothing, not even a reset), `drop()` resets every open connection, `refuse()` resets
 * new ones as they come, `restore()` lets traffic flow again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private mode: Mode = 'pass';
  private readonly pairs = new Set<Pair>();
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  /** The same URL with host and port pointed at the proxy. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  stall(): void {
    this.mode = 'stall';
  }

  refuse(): void {
    this.mode = 'refuse';
  }

  /** Resets every open connection (new ones follow the current mode). */
  drop(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  restore(): void {
    this.mode = 'pass';
    for (const pair of this.pairs) {
      for (const { to, chunk } of pair.held.splice(0)) if (!to.destroyed) to.write(chunk);
    }
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  async stop(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private accept(client: Socket): void {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (this.mode === 'stall' || pair.held.length > 0) pair.held.push({ to, chunk });
      else to.write(chunk);
    };
    client.on('data', forward(upstream)).on('error', close).on('close', close);
    upstream.on('data', forward(client)).on('error', close).on('close', close);
  }
}
