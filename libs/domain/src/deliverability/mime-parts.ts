/** Just enough MIME (RFC 2045/2046) to read a delivery status notification: headers and parts. */
export interface MimeEntity {
  headers: Map<string, string[]>;
  body: string;
}

export function splitEntity(raw: string): MimeEntity {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  return { headers: parseHeaderBlock(head), body };
}

/** Header fields of one block, unfolded, by lower-case name (a name may repeat). */
export function parseHeaderBlock(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const lines = block.split(/\r?\n/);
  let current: { name: string; value: string } | null = null;
  const flush = () => {
    if (!current) return;
    const list = headers.get(current.name) ?? [];
    list.push(current.value.trim());
    headers.set(current.name, list);
    current = null;
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      (current as { value: string }).value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
  }
  flush();
  return headers;
}

export function header(entity: { headers: Map<string, string[]> }, name: string): string | null {
  return entity.headers.get(name)?.[0] ?? null;
}

export interface ContentType {
  type: string;
  params: Map<string, string>;
}

export function contentTypeOf(value: string | null): ContentType {
  const [typePart, ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    const raw = param.slice(eq + 1).trim();
    params.set(
      name,
      raw.startsWith('"') ? raw.slice(1, raw.lastIndexOf('"') > 0 ? raw.lastIndexOf('"') : undefined) : raw,
    );
  }
  return { type: (typePart ?? '').trim().toLowerCase(), params };
}

/** The parts of a multipart body, or [] when the boundary is missing or never found. */
export function multipartParts(body: string, boundary: string | undefined): MimeEntity[] {
  if (!boundary || boundary.length > 200) return [];
  const delimiter = `--${boundary}`;
  const parts: MimeEntity[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(splitEntity(current.join('\n')));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current && current.length > 0) parts.push(splitEntity(current.join('\n')));
  return parts;
}

/** A part's body decoded from its transfer encoding (7bit, 8bit, quoted-printable or base64). */
export function decodedBody(entity: MimeEntity): string {
  const encoding = (header(entity, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return entity.body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return entity.body;
}
