import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, METHODS, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createTokenService, toNodeListener } from '../../src/server/index.js';
import { CLI_ENV, serveCli, type ServingCli } from './cli-process.js';
import { rawExchange, rawRequest, type RawAnswer } from './raw-http.js';
import { baseConfig } from './server-fixtures.js';

/** Requests Node's parser accepts that once made the service throw (and the process exit) before answering. */
const HOSTILE: { name: string; bytes: string; status: number; allow?: string }[] = [
  { name: 'TRACE /', bytes: rawRequest('TRACE', '/'), status: 404 },
  { name: 'TRACE /api/v1/rooms', bytes: rawRequest('TRACE', '/api/v1/rooms'), status: 405, allow: 'POST, OPTIONS' },
  { name: 'TRACE /healthz', bytes: rawRequest('TRACE', '/healthz'), status: 405, allow: 'GET, HEAD, OPTIONS' },
  { name: 'TRACE //[', bytes: rawRequest('TRACE', '//['), status: 404 },
  { name: 'GET //[', bytes: rawRequest('GET', '//['), status: 404 },
  { name: 'GET //x:99999/', bytes: rawRequest('GET', '//x:99999/'), status: 404 },
  { name: 'GET //a@b:c/', bytes: rawRequest('GET', '//a@b:c/'), status: 404 },
  { name: 'GET /healthz with Host: [::1', bytes: rawRequest('GET', '/healthz', { host: '[::1' }), status: 400 },
  { name: 'GET /healthz with Host: x:99999', bytes: rawRequest('GET', '/healthz', { host: 'x:99999' }), status: 400 },
  { name: 'GET /healthz with Host: a@b', bytes: rawRequest('GET', '/healthz', { host: 'a@b' }), status: 400 },
  { name: 'OPTIONS *', bytes: rawRequest('OPTIONS', '*'), status: 400 },
  {
    name: 'POST /api/v1/rooms with Host: [',
    bytes: rawRequest('POST', '/api/v1/rooms', { host: '[', 'content-type': 'application/json' }, '{}'),
    status: 400,
  },
];

/** A JSON refusal `{error: {code, message}}` with a 4xx status (405 with Allow); the answer to HEAD has no body. */
function assertJsonRefusal(answer: RawAnswer | undefined, what: string, head = false): void {
  assert.ok(answer, `${what}: the connection closed without an answer`);
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: status ${answer.status}`);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/, what);
  if (answer.status === 405) assert.match(answer.headers.allow ?? '', /OPTIONS/, `${what}: 405 without Allow`);
  if (head) return;
  const { error } = JSON.parse(answer.body);
  assert.equal(typeof error.code, 'string', what);
  assert.equal(typeof error.message, 'string', what);
}

async function assertStillServing(port: number) {
  const answer = await rawExchange(port, rawRequest('GET', '/healthz'));
  assert.equal(answer?.status, 200, 'the next request is no longer served');
  assert.deepEqual(JSON.parse(answer.body), { status: 'ok' });
}

/** Random methods (all Node's parser knows), request targets and Host headers: bounded, reproducible by seed. */
async function fuzz(port: number, methods: readonly string[], runs: number) {
  const visible = fc.mapToConstant({ num: 0x7e - 0x21 + 1, build: (index) => String.fromCharCode(0x21 + index) });
  const hostChar = fc.constantFrom(...'[]:@.%_-'.split(''), 'a', 'x', '1', '9', ':', '[');
  const target = fc.oneof(
    fc.string({ unit: visible, maxLength: 40 }).map((rest) => `/${rest}`),
    fc.string({ unit: visible, maxLength: 40 }).map((rest) => `//${rest}`),
    fc.constantFrom(
      '/healthz',
      '/readyz',
      '/api/v1/rooms',
      '/api/v1/invites',
      '/api/v1/branding?conferenceFqn=a%252F%25',
      '/.well-known/jwks.json',
      '*',
      'http://a/b',
      'https://[::1]:8/x',
    ),
    fc.string({ unit: visible, minLength: 1, maxLength: 40 }),
  );
  const host = fc.oneof(
    fc.string({ unit: hostChar, maxLength: 12 }),
    fc.string({ unit: visible, minLength: 1, maxLength: 20 }),
    fc.constant('localhost'),
  );
  let served = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...methods), target, host, async (method, path, hostValue) => {
      const answer = await rawExchange(port, rawRequest(method, path, { host: hostValue }));
      const what = `${method} ${path} (Host: ${hostValue})`;
      assert.ok(answer, `${what}: no answer`);
      assert.ok(answer.status < 500, `${what}: ${answer.status} ${answer.body}`);
      // Node answers what its parser refuses with a bare 400; everything else is the service's (it sends a request id).
      if (answer.headers['x-request-id'] !== undefined) {
        served++;
        if (answer.status >= 400) assertJsonRefusal(answer, what, method === 'HEAD');
      } else {
        assert.equal(answer.status, 400, `${what}: an answer that is neither the service's nor the parser's`);
      }
    }),
    { numRuns: runs, seed: 14 },
  );
  assert.ok(served > runs / 2, `only ${served} of ${runs} requests reached the service`);
  await assertStillServing(port);
}

const PARSER_METHODS = METHODS.filter((method) => method !== 'CONNECT');

describe('hostile requests over a real socket', () => {
  describe('npx nano-meet serve', () => {
    let cli: ServingCli;
    before(async () => {
      cli = await serveCli([], CLI_ENV);
    });
    after(async () => {
      assert.equal(await cli.stop(), 0);
    });

    for (const { name, bytes, status, allow } of HOSTILE) {
      it(`answers ${name} with JSON ${status} and serves the next request`, async () => {
        const answer = await rawExchange(cli.port, bytes);
        assertJsonRefusal(answer, name);
        assert.equal(answer!.status, status, answer!.body);
        if (allow) assert.equal(answer!.headers.allow, allow);
        await assertStillServing(cli.port);
      });
    }

    it('answers CONNECT with JSON 405 and Allow (it is no proxy)', async () => {
      const answer = await rawExchange(cli.port, 'CONNECT example.org:443 HTTP/1.1\r\nhost: example.org:443\r\n\r\n');
      assertJsonRefusal(answer, 'CONNECT');
      assert.equal(answer!.status, 405);
      assert.equal(answer!.headers.allow, 'POST, GET, HEAD, OPTIONS');
      await assertStillServing(cli.port);
    });

    it('logs those requests, never crashing on them', () => {
      const lines = cli
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      assert.ok(
        lines.some(
          (line) => line.method === 'TRACE' && line.status === 405 && line.route === '/api/v1/rooms' && line.requestId,
        ),
      );
      assert.ok(lines.some((line) => line.status === 400 && line.code === 'request-invalid'));
      assert.equal(cli.child.exitCode, null);
    });

    it('answers and stays up under random methods, targets and Host headers', async () => {
      await fuzz(cli.port, METHODS, 150);
      assert.equal(cli.child.exitCode, null);
    });
  });

  describe('the README’s http.createServer(toNodeListener(service))', () => {
    let server: Server;
    let port: number;
    before(async () => {
      server = createServer(toNodeListener(createTokenService(baseConfig())));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    for (const { name, bytes, status, allow } of HOSTILE) {
      it(`answers ${name} with JSON ${status} and serves the next request`, async () => {
        const answer = await rawExchange(port, bytes);
        assertJsonRefusal(answer, name);
        assert.equal(answer!.status, status, answer!.body);
        if (allow) assert.equal(answer!.headers.allow, allow);
        await assertStillServing(port);
      });
    }

    it('answers and stays up under random methods, targets and Host headers', async () => {
      // CONNECT never reaches a request listener: Node closes it unless the server listens for 'connect'.
      await fuzz(port, PARSER_METHODS, 150);
    });
  });

  describe('toNodeListener with any web-standard handler', () => {
    it('answers a method fetch cannot carry with 405 and Allow, and a target that is no URL with 400', async () => {
      const server = createServer(toNodeListener(async () => new Response('ok')));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port: plain } = server.address() as AddressInfo;
      try {
        const trace = await rawExchange(plain, rawRequest('TRACE', '/'));
        assertJsonRefusal(trace, 'TRACE');
        assert.equal(trace!.status, 405);
        assertJsonRefusal(await rawExchange(plain, rawRequest('GET', '/', { host: '[::1' })), 'Host: [::1');
        assert.equal((await rawExchange(plain, rawRequest('GET', '//x:99999/')))?.body, 'ok');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});
