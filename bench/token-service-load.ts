/**
 * The token service's speed: tokens signed per second on one core (`createRoomToken` in a loop, and the
 * `createTokenService` handler called directly), then latency under concurrent HTTP load with autocannon
 * against the service in a child process on 127.0.0.1 (bounded: a fixed number of requests, a deadline).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createRoomToken, createTokenService } from '../src/server/index.js';
import { round } from './stats.js';
import { BENCH_API_KEY, BENCH_KEY, benchRoomSetup, benchServiceConfig } from './token-service-config.js';

export interface TokenServiceLoadResult {
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

/** Calls `step` back to back for `ms` and returns calls per second. */
async function rate(ms: number, step: () => Promise<unknown>): Promise<number> {
  for (let warm = 0; warm < 200; warm++) await step();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    await step();
    count++;
  }
  return round(count / ((performance.now() - started) / 1000), 0);
}

export async function measureTokenService(loopMs = 2000, connections = 16): Promise<TokenServiceLoadResult> {
  const setup = benchRoomSetup();
  const body = JSON.stringify(setup);
  const createRoomTokenPerSecond = await rate(loopMs, () => createRoomToken(BENCH_KEY, setup));

  const service = createTokenService(benchServiceConfig());
  await service.ready;
  const handlerPerSecond = await rate(loopMs, async () => {
    const response = await service(new Request('http://127.0.0.1/api/v1/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      body,
    }));
    if (response.status !== 201) throw new Error(`The token service answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
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
    if (child.exitCode === null) await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
