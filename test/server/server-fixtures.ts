// Shared by the token service tests: a configuration with a known API key, a fixed clock inside the
// classic setup's window, and one-line ways to call the handler.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenService,
  toNodeListener,
  type TokenServiceConfig,
  type TokenServiceLogEntry,
} from '../../src/server/index.js';
import { KEY, NOW, ROOM_SETUP, SECRET } from '../token/token-fixtures.js';

export { KEY, NOW, ROOM_SETUP, SECRET };

export const API_KEY = 'nm_live_0123456789abcdef0123456789abcdef';
export const API_KEY_SHA256 = createHash('sha256').update(API_KEY).digest('hex');
export const APP_ORIGIN = 'https://app.example';
export const BASE = 'https://tokens.example';

/** A service with one HS256 key, the API key above, meet.example.org, one CORS origin and an invite page. */
export function baseConfig(overrides: Partial<TokenServiceConfig> = {}): TokenServiceConfig {
  return {
    keys: [{ ...KEY }],
    apiKeys: [{ name: 'ci', sha256: API_KEY_SHA256 }],
    allowedServers: ['meet.example.org'],
    corsOrigins: [APP_ORIGIN],
    inviteUrl: 'https://app.example/meeting.html?token={token}',
    clock: () => NOW,
    ...overrides,
  };
}

/** A service whose every log entry is kept. */
export function serviceWithLog(overrides: Partial<TokenServiceConfig> = {}) {
  const entries: TokenServiceLogEntry[] = [];
  const service = createTokenService(baseConfig({ log: (entry) => entries.push(entry), ...overrides }));
  return { service, entries };
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const roomRequest = (
  setup: unknown = ROOM_SETUP,
  headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` },
) => post('/api/v1/rooms', setup, headers);

export const inviteRequest = (body: unknown, headers: Record<string, string> = {}) =>
  post('/api/v1/invites', body, headers);

/** The JSON body of a response, after checking its status. */
export async function expectJson(response: Response, status: number): Promise<Record<string, any>> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(text);
}

/** Refused with `status` and the JSON error `code`; returns the message. */
export async function expectError(response: Response, status: number, code: string): Promise<string> {
  const body = await expectJson(response, status);
  assert.equal(body.error?.code, code, JSON.stringify(body));
  assert.equal(typeof body.error.message, 'string');
  return body.error.message;
}

/** A moderator token from the service itself. */
export async function issueRoomToken(
  service: (request: Request) => Promise<Response>,
  setup: unknown = ROOM_SETUP,
): Promise<string> {
  return (await expectJson(await service(roomRequest(setup)), 201)).data.token;
}

/** Serves a handler on a real socket (127.0.0.1, a free port); `close` ends it. */
export async function listen(
  handler: Parameters<typeof toNodeListener>[0],
): Promise<{ base: string; port: number; server: Server; close: () => Promise<void> }> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { base, port, server, close };
}
