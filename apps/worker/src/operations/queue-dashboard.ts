import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { type OperationsConfig } from '@retrowalk/config';
import { sameSecret } from '@retrowalk/http';
import { type Queue } from 'bullmq';
import { type FastifyInstance } from 'fastify';

export const DASHBOARD_PATH = '/queues';

type Role = 'admin' | 'viewer';
type Credentials = NonNullable<OperationsConfig['dashboard']>;

/**
 * What an admin may change: retry a job (or every failed one) and remove one (or clean a state).
 * Each is safe because the database is the schedule: a job carries a message id and its claim, and
 * the processor re-reads the row and sends only while that claim is current. Everything else that
 * writes (add or edit a job, pause, empty, obliterate, change a scheduler or a limit) is refused to
 * everyone: it would bypass the typed job contract or stop the dispatcher's tick.
 */
const ADMIN_ACTIONS = new Set([
  '/api/queues/:queueName/:jobId/retry',
  '/api/queues/:queueName/retry/:queueStatus',
  '/api/queues/:queueName/:jobId/clean',
  '/api/queues/:queueName/clean/:queueStatus',
  '/api/queues/:queueName/:jobId/promote',
  '/api/queues/:queueName/promote',
]);

/** HTTP Basic: `admin` or `viewer` with its own password; null for anything else. */
export function roleOf(header: string | undefined, credentials: Credentials): Role | null {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const expected =
    user === 'admin' ? credentials.adminPassword : user === 'viewer' ? credentials.viewerPassword : null;
  return expected !== null && sameSecret(password, expected) ? (user as Role) : null;
}

/**
 * The queue dashboard (bull-board) at /queues on the worker's operations port, for operators: it
 * shows every queue of every organisation, so no organisation's API key opens it, only the
 * dashboard's own credentials. A viewer reads; an admin may also retry and remove jobs.
 */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  queues: readonly Queue[],
  credentials: Credentials,
): Promise<void> {
  const isAdmin = (header: unknown) =>
    roleOf(typeof header === 'string' ? header : undefined, credentials) === 'admin';
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (roleOf(request.headers.authorization, credentials) !== null) return;
      await reply
        .code(401)
        .header('www-authenticate', 'Basic realm="Retrowalk queues", charset="UTF-8"')
        .send({ error: { code: 'unauthorized', message: 'Sign in as admin or viewer.', details: null } });
    });
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: {
        uiConfig: { boardTitle: 'Retrowalk queues' },
        handlerHooks: {
          before: ({ method, route, request }) => {
            if (method === 'get') return { allow: true };
            const admin = isAdmin(request.headers.authorization);
            if (admin && ADMIN_ACTIONS.has(route)) return { allow: true };
            return { allow: false, status: 403, message: admin ? 'Not allowed here.' : 'Read only.' };
          },
          // The page shows a queue's buttons unless the queue reads as read-only: so it does, to a
          // viewer, who would only be refused.
          after: ({ route, request }, result) => {
            if (route !== '/api/queues' || typeof result.body !== 'object' || !('queues' in result.body)) {
              return result;
            }
            if (isAdmin(request.headers.authorization)) return result;
            const queues = (result.body.queues as Record<string, unknown>[]).map((queue) => ({
              ...queue,
              readOnlyMode: true,
              allowRetries: false,
            }));
            return { ...result, body: { ...result.body, queues } };
          },
        },
      },
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
