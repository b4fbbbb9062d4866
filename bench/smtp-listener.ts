import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The benchmark's SMTP listener, run as its own process (so its CPU is not the measured process's):
 * it reads each message to the end, answers like Postfix ("250 Ok: queued as <id>") and counts
 * messages and connections. The parent asks for the counts over IPC.
 */
let messages = 0;
let connections = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onConnect: (_session, callback) => {
    connections++;
    callback();
  },
  onData: (stream, _session, callback) => {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      messages++;
      (callback as (error: Error | null, message?: string) => void)(
        null,
        `Ok: queued as B${messages.toString(16)}`,
      );
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'counts') process.send?.({ type: 'counts', messages, connections });
  if (message.type === 'stop') server.close(() => process.exit(0));
});
