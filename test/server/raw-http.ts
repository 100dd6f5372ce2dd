// Raw HTTP over node:net: bytes exactly as written (no client library tidies them up), and the answer read back.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `bytes` on a new connection to 127.0.0.1:`port` and reads until the server closes it (send
 * `Connection: close`). Resolves undefined when the connection closed without any answer.
 */
export function rawExchange(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no end of answer within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 200))}: ${Buffer.concat(chunks).toString('latin1')}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text === '' ? undefined : parseAnswer(text));
    });
  });
}

/**
 * Writes `head` on a new connection, then `drip` every `everyMs` until the server closes the connection: what it
 * answered, and after how long. Rejects when the server still reads after `giveUpMs`.
 */
export function dripUntilClosed(
  port: number,
  head: string,
  drip: string,
  everyMs: number,
  giveUpMs = 10_000,
): Promise<{ answer: RawAnswer | undefined; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let timer: ReturnType<typeof setInterval> | undefined;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      timer = setInterval(() => socket.writable && socket.write(drip), everyMs);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ answer: text === '' ? undefined : parseAnswer(text), afterMs: Date.now() - started });
    });
    // A server that never closes fails the test here rather than hanging it.
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still reads after ${giveUpMs} ms`));
    }, giveUpMs).unref();
  });
}

/** One request line + headers + `Connection: close`. */
export function rawRequest(
  method: string,
  target: string,
  headers: Record<string, string> = { host: 'localhost' },
  body = '',
): string {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
  ];
  if (body !== '') lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** An answer read back: its status line, its headers, and all the rest of `text` as its body (de-chunked). */
export function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  let body = split === -1 ? '' : text.slice(split + 4);
  const [statusLine, ...headerLines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status, headers, body };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    // Sizes count bytes: cut by bytes, not characters.
    const bytes = Buffer.from(rest.slice(lineEnd + 2), 'utf8');
    out += bytes.subarray(0, size).toString('utf8');
    rest = bytes.subarray(size + 2).toString('utf8');
  }
}
