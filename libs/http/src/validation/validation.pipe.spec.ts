import { Readable } from 'node:stream';
import { type AddressInfo, connect, createServer } from 'node:net';
import { DomainError } from '@retrowalk/domain';
import { IsString } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class NameDto {
  @IsString() name!: string;
}

const body = { type: 'body', metatype: NameDto, data: undefined } as const;

async function errorOf(
  value: unknown,
  metadata: Parameters<ReturnType<typeof createValidationPipe>['transform']>[1] = body,
) {
  try {
    await createValidationPipe().transform(value, metadata);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  return null;
}

describe('createValidationPipe', () => {
  it('validates a body against its DTO', async () => {
    await expect(createValidationPipe().transform({ name: 'Sam' }, body)).resolves.toBeInstanceOf(NameDto);
    await expect(errorOf({ name: 1, extra: true })).resolves.toEqual({
      code: 'validation_failed',
      details: [
        { field: 'extra', message: 'is not a known field' },
        { field: 'name', message: 'must be a string' },
      ],
    });
  });

  it('never hands a stream or a socket to class-transformer (the text/csv abort)', async () => {
    // A connected socket has a native TCP handle: class-transformer copying it aborted the process.
    const server = createServer((peer) => peer.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    try {
      const stream = Readable.from(['email,firstName\n']);
      await expect(errorOf(stream)).resolves.toEqual({ code: 'unsupported_media_type', details: null });
      await expect(errorOf(socket)).resolves.toEqual({ code: 'unsupported_media_type', details: null });
      await expect(errorOf({ name: socket })).resolves.toEqual({
        code: 'unsupported_media_type',
        details: null,
      });
      await expect(errorOf(Buffer.from('{"name":"Sam"}'))).resolves.toEqual({
        code: 'unsupported_media_type',
        details: null,
      });
    } finally {
      socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('wants an object for a DTO body: not an array, a string, null or nothing', async () => {
    for (const value of [[{ name: 'Sam' }], 'Sam', 42, null, undefined]) {
      await expect(errorOf(value)).resolves.toEqual({
        code: 'validation_failed',
        details: [{ field: 'body', message: 'must be a JSON object' }],
      });
    }
  });

  it('checks queries and form bodies without a DTO too', async () => {
    await expect(
      errorOf({ from: '2027-01-01\u0000' }, { type: 'query', metatype: Object, data: undefined }),
    ).resolves.toEqual({
      code: 'validation_failed',
      details: [{ field: 'from', message: 'must not contain NUL characters' }],
    });
    await expect(
      createValidationPipe().transform(undefined, { type: 'body', metatype: Object, data: undefined }),
    ).resolves.toBeUndefined();
  });
});
