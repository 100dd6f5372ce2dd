// What `nano-meet serve` answers to requests that never reach the service (Node's parser refuses them, or they
// take too long to arrive): JSON refusals with a stable code, logged, the connection closed, the others served.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { CLI_ENV, logLinesOf, serveCli, type ServingCli } from './cli-process.js';
import { rawExchange, type RawAnswer } from './raw-http.js';
import { API_KEY } from './server-fixtures.js';

const ROOM_HEAD =
  'POST /api/v1/rooms HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n' +
  `authorization: Bearer ${API_KEY}\r\n`;

/** Writes `head`, then `drip` every `everyMs` until the server closes the connection: what it sent, and when. */
function dripUntilClosed(port: number, head: string, drip: string, everyMs: number) {
  return new Promise<{ answer: string; afterMs: number }>((resolve, reject) => {
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
      resolve({ answer: Buffer.concat(chunks).toString('utf8'), afterMs: Date.now() - started });
    });
    // Far beyond the one-second timeout: a server that never closes fails here rather than hanging the test.
    setTimeout(() => reject(new Error('the server still reads after 10 s')), 10_000).unref();
  });
}

/** The first answer in `text`: status, and its JSON error code (undefined when it has no JSON body). */
function refusalIn(text: string): { status: number; code: string | undefined } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  let code: string | undefined;
  try {
    code = JSON.parse(body).error.code;
  } catch {
    code = undefined;
  }
  return { status, code };
}

describe('nano-meet serve --request-timeout 1', () => {
  let cli: ServingCli;
  before(async () => {
    cli = await serveCli(['--request-timeout', '1'], CLI_ENV);
  });
  after(async () => {
    assert.equal(await cli.stop(), 0);
  });

  it('answers a body sent a byte at a time with JSON 408 request-timeout, serving others meanwhile', async () => {
    const slow = dripUntilClosed(cli.port, `${ROOM_HEAD}content-length: 100\r\n\r\n`, 'x', 200);
    assert.equal((await fetch(`${cli.url}/healthz`)).status, 200);
    const { answer, afterMs } = await slow;
    assert.deepEqual(refusalIn(answer), { status: 408, code: 'request-timeout' });
    assert.ok(afterMs < 5000, `closed after ${afterMs} ms`);
  });

  it('answers headers sent a line at a time with JSON 408 request-timeout, and logs it', async () => {
    const { answer } = await dripUntilClosed(cli.port, 'GET /healthz HTTP/1.1\r\n', 'x-a: b\r\n', 200);
    assert.deepEqual(refusalIn(answer), { status: 408, code: 'request-timeout' });
    assert.ok(logLinesOf(cli.output()).some((line) => line.status === 408 && line.code === 'request-timeout'));
  });

  it('closes a connection whose body goes on without end after its 413', async () => {
    const chunk = `400\r\n${'x'.repeat(1024)}\r\n`;
    const { answer, afterMs } = await dripUntilClosed(
      cli.port,
      `${ROOM_HEAD}transfer-encoding: chunked\r\n\r\n`,
      chunk,
      5,
    );
    assert.deepEqual(refusalIn(answer), { status: 413, code: 'body-too-large' });
    assert.ok(afterMs < 5000, `closed after ${afterMs} ms`);
  });
});

describe('nano-meet serve and what Node’s parser refuses', () => {
  let cli: ServingCli;
  before(async () => {
    cli = await serveCli([], CLI_ENV);
  });
  after(async () => {
    assert.equal(await cli.stop(), 0);
  });

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
      bytes: `GET /healthz HTTP/1.1\r\nhost: x\r\n${Array.from({ length: 3000 }, (_, n) => `x-h${n}: 1\r\n`).join('')}\r\n`,
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
    {
      name: 'a chunk size that is no number',
      bytes: `${ROOM_HEAD}transfer-encoding: chunked\r\n\r\nzz\r\n`,
      status: 400,
      code: 'request-invalid',
    },
  ];

  for (const { name, bytes, status, code } of REFUSED) {
    it(`answers ${name} with JSON ${status} ${code}, and serves the next request`, async () => {
      const answer = await rawExchange(cli.port, bytes);
      assertRefusal(answer, status, code);
      assert.equal((await fetch(`${cli.url}/healthz`)).status, 200);
    });
  }

  it('answers bytes that are not HTTP after a request on a kept-alive connection', async () => {
    const answer = await rawExchange(cli.port, 'GET /healthz HTTP/1.1\r\nhost: x\r\n\r\nBLAH\r\n\r\n');
    assert.equal(answer?.status, 200);
    assert.deepEqual(refusalIn(answer.body.slice(answer.body.indexOf('HTTP/1.1'))), {
      status: 400,
      code: 'request-invalid',
    });
  });

  it('logs each refusal with its code and request id', () => {
    const lines = logLinesOf(cli.output());
    for (const code of ['request-invalid', 'headers-too-large'])
      assert.ok(
        lines.some((line) => line.code === code && typeof line.requestId === 'string'),
        code,
      );
    assert.equal(cli.child.exitCode, null);
  });
});

function assertRefusal(answer: RawAnswer | undefined, status: number, code: string) {
  assert.ok(answer, 'the connection closed without an answer');
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(typeof answer.headers['x-request-id'], 'string');
  assert.equal(JSON.parse(answer.body).error.code, code);
}
