// createNodeServer over real sockets: what never reaches the service's routes (bytes Node's parser refuses, requests
// too slow to arrive, CONNECT) gets the service's JSON refusal, and one log line per request that says the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createNodeServer,
  createTokenService,
  TokenServiceConfigError,
  type NodeServerOptions,
  type TokenServiceLogEntry,
} from '../../src/server/index.js';
import { dripUntilClosed, parseAnswer, rawExchange, type RawAnswer } from './raw-http.js';
import { API_KEY, baseConfig } from './server-fixtures.js';

/** 3000 short headers, about 30 KB: past Node's 16 KB though each is small. */
const MANY_HEADERS = Array.from({ length: 3000 }, (_, n) => `x-h${n}: 1\r\n`).join('');
const ROOM_HEAD =
  'POST /api/v1/rooms HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n' +
  `authorization: Bearer ${API_KEY}\r\n`;

interface Serving {
  port: number;
  entries: TokenServiceLogEntry[];
  close: () => Promise<void>;
}

/** The token service with its log kept, behind createNodeServer on 127.0.0.1 (a free port). */
async function serve(options: NodeServerOptions = {}): Promise<Serving> {
  const entries: TokenServiceLogEntry[] = [];
  const service = createTokenService(baseConfig({ log: (entry) => entries.push(entry) }));
  const server: Server = createNodeServer(service, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await service.close();
  };
  return { port: (server.address() as AddressInfo).port, entries, close };
}

async function assertStillServing(port: number) {
  assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
}

/**
 * The answer is the service's JSON refusal, and the request's one log line (found by the answer's request id)
 * says the same status and code: what the client was told is what the operator reads.
 */
function assertRefusedAndLogged(
  answer: RawAnswer | undefined,
  entries: TokenServiceLogEntry[],
  status: number,
  code: string,
): TokenServiceLogEntry {
  assert.ok(answer, 'the connection closed without an answer');
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(answer.headers.connection, 'close');
  assert.equal(JSON.parse(answer.body).error.code, code);
  const requestId = answer.headers['x-request-id'];
  assert.equal(typeof requestId, 'string');
  const lines = entries.filter((entry) => entry.requestId === requestId);
  assert.equal(lines.length, 1, `log lines for ${requestId}: ${JSON.stringify(entries)}`);
  assert.deepEqual(
    [lines[0]!.event, lines[0]!.level, lines[0]!.status, lines[0]!.code],
    ['request', 'warn', status, code],
  );
  return lines[0]!;
}

describe('createNodeServer and what Node’s parser refuses', () => {
  let serving: Serving;
  before(async () => {
    serving = await serve();
  });
  after(() => serving.close());

  const REFUSED: { name: string; bytes: string; status: number; code: string }[] = [
    { name: 'bytes that are not HTTP', bytes: '\x00\x01 hello\r\n\r\n', status: 400, code: 'request-invalid' },
    {
      name: 'a 100 KB header',
      bytes: `GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(100_000)}\r\n\r\n`,
      status: 431,
      code: 'headers-too-large',
    },
    {
      name: '3000 headers',
      bytes: `GET /healthz HTTP/1.1\r\nhost: x\r\n${MANY_HEADERS}\r\n`,
      status: 431,
      code: 'headers-too-large',
    },
    {
      name: 'a 20 KB request target',
      bytes: `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
      status: 431,
      code: 'headers-too-large',
    },
    {
      name: 'Content-Length beside Transfer-Encoding',
      bytes: `${ROOM_HEAD}content-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`,
      status: 400,
      code: 'request-invalid',
    },
  ];

  for (const { name, bytes, status, code } of REFUSED) {
    it(`answers ${name} with JSON ${status} ${code}, logs the same, and serves the next request`, async () => {
      const answer = await rawExchange(serving.port, bytes);
      const line = assertRefusedAndLogged(answer, serving.entries, status, code);
      // Nothing of the unread request is logged as if it had been read.
      assert.equal(line.path, undefined);
      await assertStillServing(serving.port);
    });
  }

  it('answers a chunk size that is no number, mid-body, as the service’s answer to that request', async () => {
    const answer = await rawExchange(serving.port, `${ROOM_HEAD}transfer-encoding: chunked\r\n\r\nzz\r\n`);
    const line = assertRefusedAndLogged(answer, serving.entries, 400, 'request-invalid');
    assert.equal(line.route, '/api/v1/rooms');
    await assertStillServing(serving.port);
  });

  it('answers bytes that are not HTTP after a request on a kept-alive connection, after its answer', async () => {
    const answer = await rawExchange(serving.port, 'GET /healthz HTTP/1.1\r\nhost: x\r\n\r\nBLAH\r\n\r\n');
    assert.equal(answer?.status, 200);
    const second = parseAnswer(answer.body.slice(answer.body.indexOf('HTTP/1.1')));
    assertRefusedAndLogged(second, serving.entries, 400, 'request-invalid');
  });

  it('answers CONNECT with JSON 405 and Allow, logged', async () => {
    const answer = await rawExchange(serving.port, 'CONNECT example.org:443 HTTP/1.1\r\nhost: example.org:443\r\n\r\n');
    const line = assertRefusedAndLogged(answer, serving.entries, 405, 'method-not-allowed');
    assert.equal(answer!.headers.allow, 'POST, GET, HEAD, OPTIONS');
    assert.equal(line.method, 'CONNECT');
  });
});

describe('createNodeServer({ requestTimeoutMs: 500 })', () => {
  let serving: Serving;
  before(async () => {
    serving = await serve({ requestTimeoutMs: 500 });
  });
  after(() => serving.close());

  it('answers a body sent a byte at a time 408 request-timeout, logs the same, and serves others', async () => {
    const slow = dripUntilClosed(serving.port, `${ROOM_HEAD}content-length: 100\r\n\r\n`, 'x', 100);
    await assertStillServing(serving.port);
    const { answer, afterMs } = await slow;
    const line = assertRefusedAndLogged(answer, serving.entries, 408, 'request-timeout');
    assert.equal(line.route, '/api/v1/rooms');
    assert.match(JSON.parse(answer!.body).error.message, /within 500 ms/);
    assert.ok(afterMs < 3000, `closed after ${afterMs} ms`);
  });

  it('answers headers sent a line at a time 408 request-timeout, and logs the same', async () => {
    const { answer } = await dripUntilClosed(serving.port, 'GET /healthz HTTP/1.1\r\n', 'x-a: b\r\n', 100);
    assertRefusedAndLogged(answer, serving.entries, 408, 'request-timeout');
  });

  it('closes a connection whose body goes on without end after its 413', async () => {
    const chunk = `400\r\n${'x'.repeat(1024)}\r\n`;
    const head = `${ROOM_HEAD}transfer-encoding: chunked\r\n\r\n`;
    const { answer, afterMs } = await dripUntilClosed(serving.port, head, chunk, 5);
    assert.equal(answer?.status, 413);
    assert.equal(JSON.parse(answer.body).error.code, 'body-too-large');
    assert.ok(afterMs < 3000, `closed after ${afterMs} ms`);
  });
});

describe('createNodeServer’s arguments', () => {
  it('takes a whole, positive number of milliseconds', () => {
    const service = createTokenService(baseConfig());
    for (const requestTimeoutMs of [0, -1, 1.5, Number.NaN])
      assert.throws(() => createNodeServer(service, { requestTimeoutMs }), TokenServiceConfigError);
  });

  it('serves only the token service', () => {
    const handler = Object.assign(async () => new Response('ok'), {
      ready: Promise.resolve(),
      answerUnreadable: () => new Response(null),
      close: async () => {},
    });
    assert.throws(() => createNodeServer(handler), /createTokenService/);
  });
});
