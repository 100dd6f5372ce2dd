import { ServiceError } from './service-error.js';

// One for every request: without `stream: true` a decode keeps no state from one call to the next.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON request body of at most `maxBytes`, from the stream, so that a body without (or with a
 * false) `Content-Length` is cut off at the limit instead of being buffered whole.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ServiceError(
      415,
      'content-type-not-json',
      'Send the request body as JSON, with Content-Type: application/json.',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readAtMost(request, maxBytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ServiceError(400, 'json-invalid', 'The request body is not UTF-8 text.');
  }
  try {
    return JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the body, which may hold a token.
    throw new ServiceError(400, 'json-invalid', 'The request body is not valid JSON.');
  }
}

async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // The usual small body comes in one chunk: no copy.
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number) {
  return new ServiceError(413, 'body-too-large', `The request body may be at most ${maxBytes} bytes.`);
}
