import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies of the sandbox's JSON endpoints are small; anything larger is refused, not buffered. */
const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown to answer with a dead connection, as during a network outage: the socket is destroyed, nothing is sent. */
export class ConnectionCut extends Error {
  constructor() {
    super('The connection is cut.');
  }
}

/** Headers for every answer: no sniffing, no referrer (meeting URLs carry JWTs), no caching of state. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Reads a JSON object body. Requiring `application/json` also means a foreign page cannot post here
 * without a CORS preflight, which only the control endpoints answer.
 */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Send the body as application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The body is too large.');
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string, maxLength = 256): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength)
    throw new HttpError(400, `"${field}" must be a string of at most ${maxLength} characters.`);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string, maxLength = 256): string {
  const value = optionalString(body, field, maxLength);
  if (value === undefined || value === '') throw new HttpError(400, `"${field}" is required.`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') throw new HttpError(400, `"${field}" must be true or false.`);
  return value;
}

export function optionalNumber(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new HttpError(400, `"${field}" must be a number from ${min} to ${max}.`);
  }
  return value;
}
