// What `nano-meet serve` answers to requests that never reach the service's routes (Node's parser refuses them, or
// they take too long to arrive): createNodeServer's JSON refusals (test/server/node-server.node.test.ts has each),
// here through the CLI's --request-timeout and its log on stdout.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ENV, logLinesOf, runCli, serveCli, type ServingCli } from './cli-process.js';
import { dripUntilClosed, rawExchange, type RawAnswer } from './raw-http.js';
import { API_KEY } from './server-fixtures.js';

const ROOM_HEAD =
  'POST /api/v1/rooms HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n' +
  `authorization: Bearer ${API_KEY}\r\n`;

/** The answer's status and code, and the same of the one log line with the answer's request id. */
function answeredAndLogged(answer: RawAnswer | undefined, output: string) {
  assert.ok(answer, 'the connection closed without an answer');
  const requestId = answer.headers['x-request-id'];
  const lines = logLinesOf(output).filter((line) => line.requestId === requestId);
  assert.equal(lines.length, 1, `log lines for ${requestId}:\n${output}`);
  return {
    answered: [answer.status, JSON.parse(answer.body).error.code],
    logged: [lines[0]!.status, lines[0]!.code],
  };
}

describe('nano-meet serve --request-timeout 1', () => {
  let cli: ServingCli;
  before(async () => {
    cli = await serveCli(['--request-timeout', '1'], CLI_ENV);
  });
  after(async () => {
    assert.equal(await cli.stop(), 0);
  });

  it('answers a body sent a byte at a time 408 request-timeout, logs the same, serving others meanwhile', async () => {
    const slow = dripUntilClosed(cli.port, `${ROOM_HEAD}content-length: 100\r\n\r\n`, 'x', 200);
    assert.equal((await fetch(`${cli.url}/healthz`)).status, 200);
    const { answer, afterMs } = await slow;
    assert.deepEqual(answeredAndLogged(answer, cli.output()), {
      answered: [408, 'request-timeout'],
      logged: [408, 'request-timeout'],
    });
    assert.ok(afterMs < 5000, `closed after ${afterMs} ms`);
  });

  it('answers bytes that are not HTTP with JSON 400 request-invalid, logs the same, and stays up', async () => {
    const answer = await rawExchange(cli.port, '\x00\x01 hello\r\n\r\n');
    assert.deepEqual(answeredAndLogged(answer, cli.output()), {
      answered: [400, 'request-invalid'],
      logged: [400, 'request-invalid'],
    });
    assert.equal((await fetch(`${cli.url}/healthz`)).status, 200);
  });
});

describe('nano-meet serve’s request timeout', () => {
  it('refuses NANO_MEET_REQUEST_TIMEOUT that is no number of seconds, naming the option', async () => {
    const { code, output } = await runCli(['serve', '--port', '0'], { ...CLI_ENV, NANO_MEET_REQUEST_TIMEOUT: '0.5' });
    assert.equal(code, 2);
    assert.match(output, /--request-timeout must be a number of seconds \(1–3600\), not 0\.5/);
  });
});
