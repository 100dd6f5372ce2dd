/**
 * The token service's speed: tokens signed per second on one core (`createRoomToken` in a loop, and the
 * `createTokenService` handler called directly) beside the physical limit (the same claims signed by hand with
 * `node:crypto`), then latency under concurrent HTTP load with autocannon against the service in a child process
 * on 127.0.0.1 (bounded: a fixed number of requests, a deadline).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createRoomToken, createTokenService } from '../src/server/index.js';
import { claimsOf, plainHmacJwtSigner } from './plain-hmac-jwt.js';
import { round } from './stats.js';
import { BENCH_API_KEY, BENCH_KEY, benchRoomSetup, benchServiceConfig } from './token-service-config.js';

export interface TokenServiceLoadResult {
  /** The same claims as an HS256 JWT signed by hand with node:crypto: what one core can do at most. */
  plainHmacJwtPerSecond: number;
  createRoomTokenPerSecond: number;
  handlerPerSecond: number;
  http: {
    connections: number;
    requests: number;
    durationSeconds: number;
    requestsPerSecond: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
}

const SERVER_SCRIPT = fileURLToPath(new URL('./token-service-server.ts', import.meta.url));

/**
 * Calls each step back to back for `ms` in all, taking turns in slices so that a change in the machine's load
 * falls on every step alike (their ratios are the point); returns calls per second for each.
 */
async function rates<K extends string>(ms: number, steps: Record<K, () => unknown>, sliceMs = 250) {
  const entries = Object.entries(steps) as [K, () => unknown][];
  for (const [, step] of entries) for (let warm = 0; warm < 200; warm++) await step();
  const calls = entries.map(() => 0);
  const spentMs = entries.map(() => 0);
  for (let turn = 0; turn * sliceMs < ms; turn++) {
    for (const [index, [, step]] of entries.entries()) {
      const started = performance.now();
      while (performance.now() - started < sliceMs) {
        await step();
        calls[index]!++;
      }
      spentMs[index]! += performance.now() - started;
    }
  }
  const perSecond = entries.map(([name], index) => [name, round(calls[index]! / (spentMs[index]! / 1000), 0)]);
  return Object.fromEntries(perSecond) as Record<K, number>;
}

export async function measureTokenService(loopMs = 2000, connections = 16): Promise<TokenServiceLoadResult> {
  const setup = benchRoomSetup();
  const body = JSON.stringify(setup);
  const service = createTokenService(benchServiceConfig());
  await service.ready;
  const postRoom = async () => {
    const response = await service(
      new Request('http://127.0.0.1/api/v1/rooms', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
        body,
      }),
    );
    if (response.status !== 201)
      throw new Error(`The token service answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  const {
    plain: plainHmacJwtPerSecond,
    room: createRoomTokenPerSecond,
    handler: handlerPerSecond,
  } = await rates(loopMs, {
    plain: plainHmacJwtSigner(BENCH_KEY, claimsOf(await createRoomToken(BENCH_KEY, setup))),
    room: () => createRoomToken(BENCH_KEY, setup),
    handler: postRoom,
  });

  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const [line] = (await Promise.race([
      once(child.stdout, 'data'),
      once(child, 'exit').then(() => {
        throw new Error('The token service process exited before listening.');
      }),
    ])) as [Buffer];
    const { port } = JSON.parse(line.toString('utf8')) as { port: number };
    // About five seconds of work at the direct handler's rate, between 2,000 and 30,000 requests.
    const amount = Math.max(2000, Math.min(30_000, Math.round(handlerPerSecond * 5)));
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/rooms`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      body,
      connections,
      amount,
      timeout: 10,
    });
    return {
      plainHmacJwtPerSecond,
      createRoomTokenPerSecond,
      handlerPerSecond,
      http: {
        connections,
        requests: result.requests.total,
        durationSeconds: round(result.duration, 2),
        requestsPerSecond: round(result.requests.total / result.duration, 0),
        p50Ms: result.latency.p50,
        p90Ms: result.latency.p90,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
      },
    };
  } finally {
    clearTimeout(deadline);
    child.stdin.end();
    if (child.exitCode === null)
      await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
