import { createServer, type Server } from 'node:net';
import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { listenOnPort, PortUnavailableError } from './listen-on-port';

const shutdowns: string[] = [];

@Injectable()
class Queues implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    shutdowns.push('queues closed');
  }
}

@Module({ providers: [Queues] })
class TinyModule {}

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('listenOnPort', () => {
  let app: NestFastifyApplication;

  beforeEach(async () => {
    shutdowns.length = 0;
    app = await NestFactory.create<NestFastifyApplication>(TinyModule, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
  });

  it('names the setting when the port is taken, and closes the application first', async () => {
    const held = await holdPort();
    try {
      const failure = listenOnPort(app, 'WORKER_PORT', held.port, '127.0.0.1');
      await expect(failure).rejects.toBeInstanceOf(PortUnavailableError);
      await expect(failure).rejects.toThrow(
        new RegExp(
          `^Port ${held.port} is already in use \\(WORKER_PORT\\)\\..*set WORKER_PORT to a free port`,
        ),
      );
      expect(shutdowns).toEqual(['queues closed']);
    } finally {
      held.server.close();
    }
  });

  it('listens as usual on a free port', async () => {
    const held = await holdPort();
    const port = held.port;
    await new Promise((resolve) => held.server.close(resolve));
    await expect(listenOnPort(app, 'PORT', port, '127.0.0.1')).resolves.toBeUndefined();
    const res = await fetch(`http://127.0.0.1:${port}/nothing-here`);
    expect(res.status).toBe(404);
    await app.close();
  });
});
