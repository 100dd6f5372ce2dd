import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenService, toNodeListener, verifyToken, type TokenServiceLogEntry } from '../../src/server/index.js';
import { API_KEY, APP_ORIGIN, NOW, ROOM_SETUP, SECRET, baseConfig, expectError, expectJson } from './server-fixtures.js';

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
      const request = httpRequest(`${base}/api/v1/invites`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      request.write(`{"padding": "${'x'.repeat(800)}`);
      request.end(`${'y'.repeat(800)}"}`);
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).error.code, 'body-too-large');
  });

  it('logs the path without the query string', async () => {
    await fetch(`${base}/api/v1/rooms?api_key=${API_KEY}`, { method: 'POST' });
    const last = entries.at(-1);
    assert.equal(last?.path, '/api/v1/rooms');
    assert.equal(last?.code, 'credential-in-url');
    assert.equal(JSON.stringify(entries).includes(API_KEY), false);
  });
});
