// toNodeListener serves the token service straight from Node's request, without a fetch Request and Response per
// request (they and their web streams were more than half of a request's CPU time): the same routes and checks as
// the fetch handler, so every answer over the socket must be the fetch handler's answer to the same request.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenService, toNodeListener, type TokenService } from '../../src/server/index.js';
import { rawExchange, rawRequest, type RawAnswer } from './raw-http.js';
import { API_KEY, APP_ORIGIN, ROOM_SETUP, baseConfig } from './server-fixtures.js';

const HOST = 'tokens.example';
const JSON_TYPE = 'application/json';
const KEY_HEADER = { authorization: `Bearer ${API_KEY}` };

interface Case {
  name: string;
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

const ROOM = JSON.stringify(ROOM_SETUP);
const CASES: Case[] = [
  { name: 'a room', method: 'POST', target: '/api/v1/rooms', headers: { 'content-type': JSON_TYPE, ...KEY_HEADER } },
  {
    name: 'a room for a listed origin, with its branding',
    method: 'POST',
    target: '/api/v1/rooms',
    headers: { 'content-type': JSON_TYPE, 'x-api-key': API_KEY, origin: APP_ORIGIN },
    body: JSON.stringify({ ...ROOM_SETUP, branding: { backgroundColor: '#102030' } }),
  },
  { name: 'no API key', method: 'POST', target: '/api/v1/rooms', headers: { 'content-type': JSON_TYPE } },
  {
    name: 'not JSON',
    method: 'POST',
    target: '/api/v1/rooms',
    headers: { 'content-type': 'text/plain', ...KEY_HEADER },
  },
  {
    name: 'broken JSON',
    method: 'POST',
    target: '/api/v1/rooms',
    headers: { 'content-type': JSON_TYPE, ...KEY_HEADER },
    body: '{"room": ',
  },
  {
    name: 'a bad setup',
    method: 'POST',
    target: '/api/v1/rooms',
    headers: { 'content-type': JSON_TYPE, ...KEY_HEADER },
    body: JSON.stringify({ ...ROOM_SETUP, room: 'no spaces' }),
  },
  {
    name: 'a body over the limit',
    method: 'POST',
    target: '/api/v1/rooms',
    headers: { 'content-type': JSON_TYPE, ...KEY_HEADER },
    body: JSON.stringify({ ...ROOM_SETUP, user: { name: 'x'.repeat(2000) } }),
  },
  { name: 'a credential in the URL', method: 'POST', target: `/api/v1/rooms?api_key=${API_KEY}` },
  {
    name: 'an invite without a token',
    method: 'POST',
    target: '/api/v1/invites',
    headers: { 'content-type': JSON_TYPE },
  },
  {
    name: 'a preflight',
    method: 'OPTIONS',
    target: '/api/v1/rooms',
    headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
  },
  {
    name: 'an unlisted origin',
    method: 'OPTIONS',
    target: '/api/v1/rooms',
    headers: { origin: 'https://evil.example' },
  },
  { name: 'OPTIONS without CORS', method: 'OPTIONS', target: '/healthz' },
  { name: 'an unknown path', method: 'GET', target: '/api/v1/secret-0123456789abcdef' },
  { name: 'a wrong method', method: 'GET', target: '/api/v1/rooms' },
  { name: 'health', method: 'GET', target: '/healthz' },
  { name: 'health, HEAD', method: 'HEAD', target: '/healthz' },
  { name: 'readiness', method: 'GET', target: '/readyz' },
  { name: 'the JWKS', method: 'GET', target: '/.well-known/jwks.json' },
  { name: 'a branding', method: 'GET', target: '/api/v1/branding?conferenceFqn=room1' },
  { name: 'a bad branding request', method: 'GET', target: '/api/v1/branding' },
];

/** Headers that belong to the connection or to one request, not to the service's answer. */
const PER_EXCHANGE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'content-length']);

/** An answer with what differs between two requests (ids, the token's jti and iat) taken out. */
function comparable(status: number, headers: Iterable<[string, string]>, body: string) {
  const kept = [...headers].filter(([name]) => !PER_EXCHANGE.has(name)).sort(([a], [b]) => a.localeCompare(b));
  return { status, headers: Object.fromEntries(kept), body: body.replace(/ey[\w-]+\.[\w-]+\.[\w-]+/g, '<jwt>') };
}

function bodyOf(test: Case): string {
  return test.body ?? (test.method === 'POST' && test.target.startsWith('/api/v1/rooms') ? ROOM : '');
}

async function overFetch(service: TokenService, test: Case) {
  const body = bodyOf(test);
  const response = await service(
    new Request(`http://${HOST}${test.target}`, {
      method: test.method,
      headers: test.headers ?? {},
      ...(body !== '' && { body }),
    }),
  );
  return comparable(response.status, response.headers, await response.text());
}

async function overSocket(port: number, test: Case) {
  const answer = await rawExchange(
    port,
    rawRequest(test.method, test.target, { host: HOST, ...test.headers }, bodyOf(test)),
  );
  assert.ok(answer, `${test.name}: no answer`);
  return comparable(answer.status, Object.entries(answer.headers), answer.body);
}

/** Counts what is made with `new Request` and `new Response` while `run` runs. */
async function countFetchObjects(run: () => Promise<void>): Promise<{ requests: number; responses: number }> {
  const made = { requests: 0, responses: 0 };
  const { Request: OriginalRequest, Response: OriginalResponse } = globalThis;
  const counting = <T extends object>(constructor: T, kind: keyof typeof made): T =>
    new Proxy(constructor, {
      construct(target, args, newTarget) {
        made[kind]++;
        return Reflect.construct(target as new (...args: unknown[]) => object, args, newTarget);
      },
    });
  globalThis.Request = counting(OriginalRequest, 'requests');
  globalThis.Response = counting(OriginalResponse, 'responses');
  try {
    await run();
  } finally {
    globalThis.Request = OriginalRequest;
    globalThis.Response = OriginalResponse;
  }
  return made;
}

async function serve(service: TokenService): Promise<{ server: Server; port: number }> {
  const server = createServer(toNodeListener(service));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('toNodeListener serving the token service', () => {
  let service: TokenService;
  let server: Server;
  let port: number;
  before(async () => {
    service = createTokenService(baseConfig({ maxBodyBytes: 1024 }));
    ({ server, port } = await serve(service));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const test of CASES) {
    it(`answers ${test.name} as the fetch handler does`, async () => {
      assert.deepEqual(await overSocket(port, test), await overFetch(service, test));
    });
  }

  it('makes no fetch Request or Response for a request', async () => {
    let answers: (RawAnswer | undefined)[] = [];
    const made = await countFetchObjects(async () => {
      answers = await Promise.all(
        CASES.slice(0, 2).map((test) =>
          rawExchange(port, rawRequest(test.method, test.target, { host: HOST, ...test.headers }, bodyOf(test))),
        ),
      );
    });
    assert.deepEqual(
      answers.map((answer) => answer?.status),
      [201, 201],
    );
    assert.deepEqual(made, { requests: 0, responses: 0 });
  });

  it('still counts a request whose client went away mid-body, and closes once it is over', async () => {
    const own = createTokenService(baseConfig());
    const { server: ownServer, port: ownPort } = await serve(own);
    try {
      let reached!: () => void;
      const arrived = new Promise<void>((resolve) => (reached = resolve));
      ownServer.once('request', () => reached());
      const request = httpRequest({
        port: ownPort,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/invites',
        headers: { 'content-type': JSON_TYPE, 'content-length': '1000' },
      });
      request.on('error', () => {});
      request.write('{"token": "');
      await arrived;
      request.destroy();
      // close() waits for the requests under way: a body read that hung would hang it.
      await own.close();
    } finally {
      ownServer.closeAllConnections();
      await new Promise<void>((resolve) => ownServer.close(() => resolve()));
    }
  });
});

describe('toNodeListener and the clientAddress hook', () => {
  it('gives the hook a Request with the method, URL and headers (not the body)', async () => {
    const seen: { method: string; url: string; client: string | null; bodyUsed: boolean }[] = [];
    const service = createTokenService(
      baseConfig({
        failedApiKeyLimit: { requests: 1, windowSeconds: 60 },
        clientAddress: (request) => {
          seen.push({
            method: request.method,
            url: request.url,
            client: request.headers.get('x-client'),
            bodyUsed: request.bodyUsed,
          });
          return request.headers.get('x-client') ?? undefined;
        },
      }),
    );
    const { server, port } = await serve(service);
    try {
      const from = async (client: string) => {
        const headers = { host: HOST, 'content-type': JSON_TYPE, 'x-client': client, 'x-api-key': 'nm_wrong' };
        return (await rawExchange(port, rawRequest('POST', '/api/v1/rooms', headers, ROOM)))?.status;
      };
      assert.deepEqual([await from('mallory'), await from('mallory'), await from('alice')], [401, 429, 401]);
      assert.deepEqual(seen[0], {
        method: 'POST',
        url: `http://${HOST}/api/v1/rooms`,
        client: 'mallory',
        bodyUsed: false,
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
