/**
 * The token service's speed: tokens signed per second on one core (`createRoomToken` in a loop, and the
 * `createTokenService` handler called directly) beside the physical limit (the same claims signed by hand with
 * `node:crypto`), then latency under concurrent HTTP load with autocannon against the service in a child process
 * on 127.0.0.1 (bounded: a fixed number of requests, a deadline). Beside each rate, the CPU time one call took:
 * on a machine that others load too, rates follow the load, CPU time much less.
 *
 * The handler is measured as its user pays for it on Node: making the fetch `Request`, the handler, reading the
 * `Response`'s body (the target's figure). Beside it, the same with the Requests made before the clock starts
 * (what a runtime that hands the handler a Request it made anyway pays on top), and what the fetch objects alone
 * cost (a Request made and its body read, a Response of the same size made and read: no handler does less).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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
  /** The handler with everything its user pays: the Request made, the handler, the answer's body read. */
  handlerPerSecond: number;
  /** The same with each Request made before the clock starts (as a runtime that made it anyway hands it on). */
  handlerGivenRequestPerSecond: number;
  /** The fetch objects alone: a Request of the same body made and read, a Response of the same size made and read. */
  fetchObjectsPerSecond: number;
  /** CPU time (user + system) per call in this process, in µs; the handler's includes its Request and answer. */
  cpuMicrosPerCall: { plain: number; room: number; handler: number; handlerGivenRequest: number; fetchObjects: number };
  http: {
    /** The service process's CPU time per request, in µs (after a warm-up of its own). */
    serverCpuMicrosPerRequest: number;
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

/** This process's CPU time so far (user + system), in µs. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * How many calls of a step, and requests to the service process, come before any is measured: the handler's
 * code is compiled for speed only after a few thousand calls, and a service that has run a while has been.
 */
const WARM_UP_CALLS = 3000;

/** A step whose argument is made while the clock stands: `make` is not measured, `call` is. */
interface MadeBeforehand {
  make(): unknown;
  call(made: unknown): unknown;
}

function madeBeforehand<T>(make: () => T, call: (made: T) => unknown): MadeBeforehand {
  return { make, call: (made) => call(made as T) };
}

/** How many calls are timed at once: a step made beforehand gets that many arguments made first. */
const BATCH = 100;

/**
 * Calls each step back to back for `ms` in all, taking turns in slices so that a change in the machine's load
 * falls on every step alike (their ratios are the point); returns calls per second and CPU µs per call for each.
 * Calls are timed in batches; a step made beforehand has the batch's arguments made between them.
 */
async function rates<K extends string>(ms: number, steps: Record<K, (() => unknown) | MadeBeforehand>, sliceMs = 250) {
  const entries = (Object.entries(steps) as [K, (() => unknown) | MadeBeforehand][]).map(([name, step]) =>
    typeof step === 'function' ? ([name, { make: () => undefined, call: step }] as const) : ([name, step] as const),
  );
  for (const [, step] of entries) for (let warm = 0; warm < WARM_UP_CALLS; warm++) await step.call(step.make());
  const calls = entries.map(() => 0);
  const spentMs = entries.map(() => 0);
  const spentCpu = entries.map(() => 0);
  for (let turn = 0; turn * sliceMs < ms; turn++) {
    for (const [index, [, step]] of entries.entries()) {
      const sliceStarted = performance.now();
      while (performance.now() - sliceStarted < sliceMs) {
        const made = Array.from({ length: BATCH }, () => step.make());
        const started = performance.now();
        const startedCpu = cpuMicros();
        for (const argument of made) await step.call(argument);
        spentMs[index]! += performance.now() - started;
        spentCpu[index]! += cpuMicros() - startedCpu;
        calls[index]! += BATCH;
      }
    }
  }
  const each = <T>(value: (index: number) => T) =>
    Object.fromEntries(entries.map(([name], index) => [name, value(index)])) as Record<K, T>;
  return {
    perSecond: each((index) => round(calls[index]! / (spentMs[index]! / 1000), 0)),
    cpuMicrosPerCall: each((index) => round(spentCpu[index]! / calls[index]!, 1)),
  };
}

export async function measureTokenService(loopMs = 2000, connections = 16): Promise<TokenServiceLoadResult> {
  const setup = benchRoomSetup();
  const body = JSON.stringify(setup);
  const service = createTokenService(benchServiceConfig());
  await service.ready;
  const roomRequest = () =>
    new Request('http://127.0.0.1/api/v1/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      body,
    });
  const postRoom = async (request: Request) => {
    const response = await service(request);
    if (response.status !== 201)
      throw new Error(`The token service answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  // The fetch objects of one call and nothing else: an answer of the handler's size, with its headers.
  const answered = await service(roomRequest());
  const answer = await answered.text();
  const answerHeaders = Object.fromEntries(answered.headers);
  const fetchObjects = async () => {
    const reader = roomRequest().body!.getReader();
    while (!(await reader.read()).done);
    await new Response(answer, { status: 201, headers: { ...answerHeaders } }).arrayBuffer();
  };
  const { perSecond, cpuMicrosPerCall } = await rates(loopMs, {
    plain: plainHmacJwtSigner(BENCH_KEY, claimsOf(await createRoomToken(BENCH_KEY, setup))),
    room: () => createRoomToken(BENCH_KEY, setup),
    handler: () => postRoom(roomRequest()),
    handlerGivenRequest: madeBeforehand(roomRequest, postRoom),
    fetchObjects,
  });
  const { plain: plainHmacJwtPerSecond, room: createRoomTokenPerSecond, handler: handlerPerSecond } = perSecond;

  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  // The child answers in lines: its port once listening, then its CPU time whenever asked (`cpu`).
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = once(child, 'exit').then(() => {
    throw new Error('The token service process exited early.');
  });
  exited.catch(() => {});
  const nextLine = async <T>() => JSON.parse((await Promise.race([lines.next(), exited])).value as string) as T;
  const childCpuMicros = async () => {
    child.stdin.write('cpu\n');
    return (await nextLine<{ cpuMicros: number }>()).cpuMicros;
  };
  try {
    const { port } = await nextLine<{ port: number }>();
    const load = (amount: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/api/v1/rooms`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
        body,
        connections,
        amount,
        timeout: 10,
        // autocannon notices the last answer only at its next sample: at the default of one per second, a run of
        // 5.1 s counted as 6 s, and the rate came out up to a sixth too low.
        sampleInt: 20,
      });
    await load(WARM_UP_CALLS);
    const cpuBefore = await childCpuMicros();
    // About five seconds of work at the direct handler's rate, between 2,000 and 30,000 requests.
    const amount = Math.max(2000, Math.min(30_000, Math.round(handlerPerSecond * 5)));
    const result = await load(amount);
    const serverCpuMicrosPerRequest = round(((await childCpuMicros()) - cpuBefore) / result.requests.total, 1);
    return {
      plainHmacJwtPerSecond,
      createRoomTokenPerSecond,
      handlerPerSecond,
      handlerGivenRequestPerSecond: perSecond.handlerGivenRequest,
      fetchObjectsPerSecond: perSecond.fetchObjects,
      cpuMicrosPerCall,
      http: {
        serverCpuMicrosPerRequest,
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
