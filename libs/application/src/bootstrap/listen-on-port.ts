/** A port a process could not take; said plainly at start-up, without a stack trace. */
export class PortUnavailableError extends Error {
  constructor(
    readonly setting: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use (${setting}). Stop the process that holds it ` +
            `(\`ss -ltnp 'sport = :${port}'\` shows which), or set ${setting} to a free port.`
        : `Port ${port} cannot be opened (${setting}, ${code}). Ports below 1024 need privileges; ` +
            `set ${setting} to a port such as 3000.`,
    );
    this.name = 'PortUnavailableError';
  }
}

/** The two things start-up needs of a Nest application here. */
export interface ListeningApp {
  listen(port: number, host: string): Promise<unknown>;
  close(): Promise<void>;
}

const PORT_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

/**
 * Listens on the port a setting names. If the port cannot be had, the application, which has
 * already started its queues and database pool by then, is closed first, so the process ends
 * cleanly, and the error names the setting to change.
 */
export async function listenOnPort(
  app: ListeningApp,
  setting: 'PORT' | 'WORKER_PORT' | 'OPS_PORT',
  port: number,
  host = '0.0.0.0',
): Promise<void> {
  try {
    await app.listen(port, host);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !PORT_ERRORS.has(code)) throw error;
    await app.close().catch(() => undefined);
    throw new PortUnavailableError(setting, port, code);
  }
}
