import type { ServiceRequest } from './service-exchange.js';
import { ServiceError } from './service-error.js';

// One for every request: without `stream: true` a decode keeps no state from one call to the next.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON request body of at most `maxBytes`, as it arrives, so that a body without (or with a
 * false) `Content-Length` is cut off at the limit instead of being buffered whole.
 */
export async function readJsonBody(request: ServiceRequest, maxBytes: number): Promise<unknown> {
  const type = request.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ServiceError(
      415,
      'content-type-not-json',
      'Send the request body as JSON, with Content-Type: application/json.',
    );
  }
  const declared = Number(request.header('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = await request.readBody(maxBytes);
  } catch (error) {
    // The carrier's own refusal (the body arrived too slowly, or in framing its parser refused) stands as it is.
    if (error instanceof ServiceError) throw error;
    // The client went away mid-body: the client's doing, not ours.
    throw new ServiceError(400, 'request-invalid', 'The request body did not arrive whole.');
  }
  if (bytes === 'too-large') throw tooLarge(maxBytes);
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

function tooLarge(maxBytes: number) {
  return new ServiceError(413, 'body-too-large', `The request body may be at most ${maxBytes} bytes.`);
}
