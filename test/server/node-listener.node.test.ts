import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createTokenService, toNodeListener, verifyToken, type TokenServiceLogEntry } from '../../src/server/index.js';
import { rawExchange } from './raw-http.js';
import {
  API_KEY,
  APP_ORIGIN,
  NOW,
  ROOM_SETUP,
  SECRET,
  baseConfig,
  expectError,
  expectJson,
} from './server-fixtures.js';

describe('toNodeListener: the service on a real http server', () => {
  let server: Server;
  let base: string;
  const entries: TokenServiceLogEntry[] = [];
  before(async () => {
    const service = createTokenService(baseConfig({ maxBodyBytes: 1024, log: (entry) => entries.push(entry) }));
    server = createServer(toNodeListener(service));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('creates a room, then an invite from it, from a listed origin', async () => {
    const room = await fetch(`${base}/api/v1/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, origin: APP_ORIGIN },
      body: JSON.stringify(ROOM_SETUP),
    });
    assert.equal(room.headers.get('access-control-allow-origin'), APP_ORIGIN);
    const { data } = await expectJson(room, 201);
    assert.ok((await verifyToken(data.token, SECRET, { now: NOW })).ok);
    const invite = await fetch(`${base}/api/v1/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: data.token, moderator: false }),
    });
    const { data: guest } = await expectJson(invite, 201);
    assert.equal(guest.moderator, false);
    assert.match(guest.inviteLink, /^https:\/\/app\.example\/meeting\.html\?token=ey/);
  });

  it('answers preflights, 404, 405 and health over the wire', async () => {
    const preflight = await fetch(`${base}/api/v1/invites`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN);
    await expectError(await fetch(`${base}/nope`), 404, 'not-found');
    await expectError(await fetch(`${base}/api/v1/invites`), 405, 'method-not-allowed');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  it('stops reading a chunked body at the limit and answers 413', async () => {
    // No Content-Length: the limit must hold on what arrives.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${base}/api/v1/invites`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.write(`{"padding": "${'x'.repeat(800)}`);
      request.end(`${'y'.repeat(800)}"}`);
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).error.code, 'body-too-large');
  });

  it('answers 413 to a body already waiting past the limit in many chunks, and serves the next request', async () => {
    // One write of twenty chunks: Node holds the later ones while the service reads the first, and hands them
    // over after it stopped reading. They are dropped, not queued into a stream that is done.
    const chunks = Array.from({ length: 20 }, (_, index) => (index === 0 ? '{"padding": "' : 'x').padEnd(100, 'x'));
    const body = chunks.map((chunk) => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const head =
      'POST /api/v1/invites HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n' +
      'transfer-encoding: chunked\r\nconnection: close\r\n\r\n';
    const answer = await rawExchange(Number(new URL(base).port), `${head}${body}0\r\n\r\n`);
    assert.equal(answer?.status, 413);
    assert.equal(JSON.parse(answer.body).error.code, 'body-too-large');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  it('logs the path without the query string', async () => {
    await fetch(`${base}/api/v1/rooms?api_key=${API_KEY}`, { method: 'POST' });
    const last = entries.at(-1);
    assert.equal(last?.path, '/api/v1/rooms');
    assert.equal(last?.code, 'credential-in-url');
    assert.equal(JSON.stringify(entries).includes(API_KEY), false);
  });
});

describe('toNodeListener: the Request a handler gets', () => {
  /**
   * A server whose handler `handle` gets each request: its port, a way to stop it, and a promise of the moment the
   * server's end of the latest connection has closed (and Node has told the answer so).
   */
  async function serve(handle: (request: Request) => Promise<Response>) {
    const server = createServer(toNodeListener(handle));
    let closed: Promise<void> | undefined;
    server.on('connection', (socket: Socket) => {
      closed = new Promise((resolve) => socket.on('close', () => setImmediate(resolve)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const stop = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    return { port, stop, connectionClosed: () => closed! };
  }

  /** What `inspect` makes of a request whose client sent part of a body and went away once the handler began. */
  async function afterClientLeft<T>(
    firstBodyPart: string,
    inspect: (request: Request, gone: Promise<void>) => Promise<T>,
  ): Promise<T> {
    let began!: () => void;
    const handlerBegan = new Promise<void>((resolve) => (began = resolve));
    let settle!: (value: T) => void;
    const result = new Promise<T>((resolve) => (settle = resolve));
    const { port, stop, connectionClosed } = await serve(async (request) => {
      began();
      settle(await inspect(request, connectionClosed()));
      return new Response(null);
    });
    after(stop);
    const headers = { 'content-length': '1000' };
    const request = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/', headers });
    request.on('error', () => {});
    request.write(firstBodyPart);
    await handlerBegan;
    request.destroy();
    return result;
  }

  it('has a signal that aborts when the client goes away before the answer', async () => {
    const aborted = await afterClientLeft(
      '{',
      (request) =>
        new Promise<boolean>((resolve) => {
          request.signal.addEventListener('abort', () => resolve(request.signal.aborted));
        }),
    );
    assert.equal(aborted, true);
  });

  it('has a signal that is already aborted when first read after the client went away', async () => {
    const aborted = await afterClientLeft('{', async (request, gone) => {
      await gone;
      return request.signal.aborted;
    });
    assert.equal(aborted, true);
  });

  it('has a signal that stays quiet for an answered request, also once its connection closes', async () => {
    let signal: AbortSignal | undefined;
    const { port, stop, connectionClosed } = await serve(async (request) => {
      signal = request.signal;
      return new Response(await request.text());
    });
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hello' });
    assert.equal(await response.text(), 'hello');
    await stop();
    await connectionClosed();
    assert.equal(signal?.aborted, false);
  });

  it('has a body whose read fails, not hangs, when the client goes away mid-body', async () => {
    const read = await afterClientLeft('{"a": 1', (request) =>
      request.text().then(
        () => 'read',
        () => 'failed',
      ),
    );
    assert.equal(read, 'failed');
  });

  it('sends a service answer with its Content-Length, not in chunks; any other answer as a stream', async () => {
    const service = await serve(createTokenService(baseConfig()));
    const other = await serve(async () => new Response('x'));
    after(service.stop);
    after(other.stop);
    await assertHealthInOneWrite(service.port);
    assert.equal(await streamedBody(other.port, '/'), 'x');
  });

  it('sends the service’s answer through a handler that wraps it in one write, and streams one already read', async () => {
    const service = createTokenService(baseConfig());
    const wrapped = await serve((request) => service(request));
    const rewrapped = await serve(async (request) => {
      const answer = await service(request);
      return new Response(await answer.text(), answer);
    });
    after(wrapped.stop);
    after(rewrapped.stop);
    await assertHealthInOneWrite(wrapped.port);
    assert.deepEqual(JSON.parse(await streamedBody(rewrapped.port, '/healthz')), { status: 'ok' });
  });
});

/** `/healthz` on `port` answers `{status: 'ok'}` with its Content-Length, in one write (not chunked). */
async function assertHealthInOneWrite(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  const text = await response.text();
  assert.deepEqual(JSON.parse(text), { status: 'ok' });
  assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(text)));
  assert.equal(response.headers.get('transfer-encoding'), null);
}

/** The body of `path` on `port`, which must come as a stream (chunked). */
async function streamedBody(port: number, path: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  assert.equal(response.headers.get('transfer-encoding'), 'chunked');
  return response.text();
}
