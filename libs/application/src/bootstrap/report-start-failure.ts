import { ConfigError } from '@retrowalk/config';
import { ServiceUnavailableAtStartError } from '@retrowalk/persistence';
import { RedisUnavailableError } from '@retrowalk/queue';
import { PortUnavailableError } from './listen-on-port';

/** Problems a person can fix (a setting, a stopped service) are told plainly; anything else with its stack. */
export function reportStartFailure(app: string, error: unknown): never {
  const known =
    error instanceof ConfigError ||
    error instanceof ServiceUnavailableAtStartError ||
    error instanceof RedisUnavailableError ||
    error instanceof PortUnavailableError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`\n${app} could not start.\n${message}\n\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
