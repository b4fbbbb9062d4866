import { Injectable } from '@nestjs/common';

/**
 * Set when the process begins to shut down, so readiness turns to "not ready" at once and a load
 * balancer stops sending new work while in-flight requests and jobs finish.
 */
@Injectable()
export class ShutdownSignal {
  private since: Date | null = null;

  begin(): void {
    this.since ??= new Date();
  }

  get stopping(): boolean {
    return this.since !== null;
  }
}
