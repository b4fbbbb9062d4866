import { request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Already percent-encoded where it needs to be. */
  path: string;
  /** In order; a name given twice is sent as two header lines. */
  headers: [string, string][];
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

export type RawResponse =
  { status: number; contentType: string; text: string } | { status: null; error: string };

/**
 * One request exactly as given, on its own connection (no pooling, so one refused request cannot
 * spoil the next): for tests that send what fetch would refuse to, or would tidy up.
 */
export function sendRaw(port: number, raw: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of raw.headers) {
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  // Node frames a body for every method only when told how (it sends a GET's body unframed).
  if (raw.body && !raw.chunked) headers['content-length'] = String(raw.body.length);
  if (raw.body && raw.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: raw.method,
        path: raw.path,
        headers,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => resolve({ status: null, error: String(error) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: null, error: String(error) }));
    if (raw.body) req.write(raw.body);
    req.end();
  });
}
