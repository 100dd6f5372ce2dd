/**
 * HTTP plumbing shared by the media routes: CORS for any origin (players are embedded in arbitrary
 * pages), bounded bodies, short replies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal with its HTTP status; the message is the plain-text body. */
export class MediaHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * CORS for any origin. WHEP players must read `Location`, `ETag` and `Retry-After`, which a browser hides from
 * a cross-origin page unless they are exposed (only a few response headers are readable by default).
 */
export function corsHeaders(methods: string): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': methods,
    'access-control-allow-headers': 'content-type, authorization, if-match',
    'access-control-expose-headers': 'Location, ETag, Link, Retry-After, Accept-Post',
    'access-control-max-age': '600',
    'x-content-type-options': 'nosniff',
  };
}

/** Sends a complete reply; HEAD gets the headers only. */
export function reply(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer = '',
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

/** Refuses a body of the wrong media type (415) before reading it. */
export function requireContentType(request: IncomingMessage, type: string): void {
  const actual = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (actual !== type) throw new MediaHttpError(415, `Send the body as ${type}.`, { accept: type });
}

/** Reads a UTF-8 body of at most `maxBytes`; a larger one is a 413 and closes the connection. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = () => new MediaHttpError(413, `The body is larger than ${maxBytes} bytes.`, { connection: 'close' });
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
