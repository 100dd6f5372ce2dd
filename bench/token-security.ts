/**
 * The security line: forged, expired and widened tokens thrown at `verifyToken`, at the sandbox's join
 * check (over HTTP, as the meeting page joins) and at the token service's invite route. Every one must be
 * refused; valid controls are sent alongside so that "0 accepted" cannot come from a check that accepts
 * nothing. Generated from a fixed seed, so every run throws the same tokens.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose/jwt/decode';
import {
  createInviteToken,
  createRoomToken,
  createTokenService,
  verifyToken,
  type SharedSecretKey,
} from '../src/server/index.js';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { sandboxCall } from './sandbox-control.js';
import { BENCH_KEY, benchRoomSetup, benchServiceConfig } from './token-service-config.js';

export type AttackKind = 'forged' | 'expired' | 'widened';

export interface TargetTally {
  target: 'verifyToken' | 'sandbox join' | 'token service';
  thrown: Record<AttackKind, number>;
  accepted: Record<AttackKind, number>;
  /** Valid tokens sent alongside, and how many were (rightly) accepted. */
  controls: number;
  controlsAccepted: number;
}

export interface TokenSecurityResult {
  targets: TargetTally[];
  totalThrown: number;
  totalAccepted: number;
}

type Claims = Record<string, unknown>;

/** mulberry32: a small seeded generator, so the attack set is the same on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const encode = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** Signs any header and payload with HMAC-SHA256 and `secret`, the way a forger with a guessed key would. */
function signRaw(claims: Claims, secret: string | Buffer, header: Claims = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** True when `mutated` carries the same header, payload and signature bytes as `original` (base64url's spare bits). */
function sameBytes(original: string, mutated: string): boolean {
  const [h1, p1, s1] = original.split('.');
  const [h2, p2, s2] = mutated.split('.');
  return (
    h1 === h2 &&
    p1 === p2 &&
    s1 !== undefined &&
    s2 !== undefined &&
    Buffer.from(s1, 'base64url').equals(Buffer.from(s2, 'base64url'))
  );
}

/** Forged tokens from a valid one: wrong keys, `alg: none`, changed claims with the old signature, flipped characters. */
function forgeries(valid: string, count: number, random: ReturnType<typeof seeded>): string[] {
  const claims = decodeJwt(valid) as Claims;
  const [header, , signature] = valid.split('.') as [string, string, string];
  const makers: (() => string)[] = [
    () => signRaw(claims, randomBytes(32)),
    () => signRaw(claims, randomBytes(32).toString('base64url')),
    () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`,
    () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.${signature}`,
    () => signRaw(claims, '', { alg: 'HS256', typ: 'JWT' }),
    () => signRaw(claims, randomBytes(32), { alg: 'HS512', typ: 'JWT' }),
    () => `${header}.${encode({ ...claims, room: `${String(claims['room'])}x` })}.${signature}`,
    () => {
      let mutated = valid;
      while (mutated === valid || sameBytes(valid, mutated)) {
        const index = random.int(0, valid.length - 1);
        mutated = valid.slice(0, index) + random.pick([...BASE64URL, '.']) + valid.slice(index + 1);
      }
      return mutated;
    },
  ];
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]!());
}

/** Correctly signed, but over: `exp` from a second to a year ago (the sandbox and the service allow no skew past it). */
async function expired(
  key: SharedSecretKey,
  server: string,
  room: string,
  count: number,
  random: ReturnType<typeof seeded>,
): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const now = Date.now();
    // Past any clock skew a reader allows (verifyToken's default is at most two minutes).
    const endedAgo = random.pick([130, 600, 3600, 86_400, 365 * 86_400]) * 1000 + random.int(0, 10_000);
    const exp = now - endedAgo;
    const nbf = exp - random.int(60, 86_400) * 1000;
    tokens.push(
      await createRoomToken(
        key,
        {
          nbf: new Date(nbf).toISOString(),
          exp: new Date(exp).toISOString(),
          streamname: 'S',
          server,
          room,
          moderator: true,
        },
        { now: nbf },
      ),
    );
  }
  return tokens;
}

/** A valid token's claims widened (moderator, a longer window, another room, every feature) with its old signature. */
function widenedClaims(valid: string, count: number, random: ReturnType<typeof seeded>, offset = 0): string[] {
  const claims = decodeJwt(valid) as Claims & { exp: number; nbf: number; context: Claims };
  const [header, , signature] = valid.split('.') as [string, string, string];
  const changes: (() => Claims)[] = [
    () => ({
      moderator: true,
      context: { ...claims.context, user: { ...(claims.context['user'] as Claims), moderator: true } },
    }),
    () => ({ exp: claims.exp + random.int(1, 365 * 86_400) }),
    () => ({ nbf: claims.nbf - random.int(1, 365 * 86_400) }),
    () => ({ room: random.pick(['another_room', 'admin', `${String(claims['room'])}_2`]) }),
    () => ({
      context: {
        ...claims.context,
        features: { livestreaming: true, recording: true, transcription: true, 'outbound-call': true },
      },
    }),
    () => ({ sub: '*' }),
  ];
  const original = encode(claims);
  return Array.from({ length: count }, (_, index) => {
    // A change that changes nothing (a moderator made moderator) would be the valid token itself: take the next.
    for (let step = 0; ; step++) {
      const payload = encode({ ...claims, ...changes[(index + offset + step) % changes.length]!() });
      if (payload !== original) return `${header}.${payload}.${signature}`;
    }
  });
}

const tally = (target: TargetTally['target']): TargetTally => ({
  target,
  thrown: { forged: 0, expired: 0, widened: 0 },
  accepted: { forged: 0, expired: 0, widened: 0 },
  controls: 0,
  controlsAccepted: 0,
});

export async function measureTokenSecurity(
  sandbox: RunningSandbox | undefined,
  perKind = 500,
): Promise<TokenSecurityResult> {
  const random = seeded(0x6e616e6f);
  const targets: TargetTally[] = [];

  // 1. verifyToken with the service's key.
  {
    const result = tally('verifyToken');
    const setup = benchRoomSetup(false);
    const valid = await createRoomToken(BENCH_KEY, setup);
    const sets: Record<AttackKind, string[]> = {
      forged: forgeries(valid, perKind, random),
      expired: await expired(BENCH_KEY, setup.server, setup.room, perKind, random),
      widened: widenedClaims(valid, perKind, random),
    };
    for (const kind of Object.keys(sets) as AttackKind[]) {
      for (const jwt of sets[kind]) {
        result.thrown[kind]++;
        if ((await verifyToken(jwt, BENCH_KEY.secret)).ok) result.accepted[kind]++;
      }
    }
    for (let index = 0; index < 20; index++) {
      result.controls++;
      if ((await verifyToken(await createRoomToken(BENCH_KEY, setup), BENCH_KEY.secret)).ok) result.controlsAccepted++;
    }
    targets.push(result);
  }

  // 2. The sandbox's join, as the meeting page calls it (fewer: each is an HTTPS round trip).
  if (sandbox) {
    const result = tally('sandbox join');
    const room = 'bench_security';
    const now = Date.now();
    const setup = {
      nbf: new Date(now - 60_000).toISOString(),
      exp: new Date(now + 3_600_000).toISOString(),
      streamname: 'S',
      server: sandbox.server,
      room,
      moderator: false,
    };
    const valid = await createRoomToken(sandbox.key, setup);
    const count = Math.max(30, Math.round(perKind / 5));
    const sets: Record<AttackKind, string[]> = {
      forged: forgeries(valid, count, random),
      expired: await expired(sandbox.key, sandbox.server, room, count, random),
      // Old signature with wider claims, plus a valid token for one room presented at another.
      widened: [...widenedClaims(valid, count - 5, random), ...Array.from({ length: 5 }, () => valid)],
    };
    const join = async (jwt: string, path = `/${room}`) => {
      const answer = await sandboxCall(sandbox, 'POST', '/_sandbox/join', { path, jwt });
      return answer.status === 200 && (answer.body as { ok?: unknown }).ok === true;
    };
    for (const kind of Object.keys(sets) as AttackKind[]) {
      for (const [index, jwt] of sets[kind].entries()) {
        result.thrown[kind]++;
        const elsewhere = kind === 'widened' && index >= sets.widened.length - 5;
        if (await join(jwt, elsewhere ? '/another_room' : `/${room}`)) result.accepted[kind]++;
      }
    }
    for (let index = 0; index < 3; index++) {
      result.controls++;
      if (await join(await createRoomToken(sandbox.key, setup))) result.controlsAccepted++;
    }
    targets.push(result);
  }

  // 3. The token service's invite route: forged and expired parents, and invites wider than their parent.
  {
    const result = tally('token service');
    const service = createTokenService(benchServiceConfig());
    await service.ready;
    const invite = async (body: Record<string, unknown>) => {
      const response = await service(
        new Request('http://127.0.0.1/api/v1/invites', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      await response.arrayBuffer();
      return response.status >= 200 && response.status < 300;
    };
    const setup = benchRoomSetup(true);
    const parent = await createRoomToken(BENCH_KEY, setup);
    const guest = await createInviteToken(BENCH_KEY, parent, { moderator: false });
    const parentExp = Date.parse(setup.exp as string);
    const parentNbf = Date.parse(setup.nbf as string);
    const count = Math.round(perKind / 2);
    for (const jwt of forgeries(parent, count, random)) {
      result.thrown.forged++;
      if (await invite({ token: jwt, moderator: true })) result.accepted.forged++;
    }
    for (const jwt of await expired(BENCH_KEY, setup.server, setup.room, count, random)) {
      result.thrown.expired++;
      if (await invite({ token: jwt, moderator: false })) result.accepted.expired++;
    }
    for (let index = 0; index < count; index++) {
      const shape = index % 4;
      const body =
        shape === 0
          ? {
              token: parent,
              moderator: false,
              exp: new Date(parentExp + random.int(1, 365 * 86_400) * 1000).toISOString(),
            }
          : shape === 1
            ? {
                token: parent,
                moderator: true,
                nbf: new Date(parentNbf - random.int(1, 365 * 86_400) * 1000).toISOString(),
              }
            : shape === 2
              ? { token: guest, moderator: true }
              : { token: widenedClaims(parent, 1, random, index)[0], moderator: true };
      result.thrown.widened++;
      if (await invite(body)) result.accepted.widened++;
    }
    for (let index = 0; index < 20; index++) {
      result.controls++;
      if (await invite({ token: parent, moderator: false })) result.controlsAccepted++;
    }
    targets.push(result);
  }

  const sum = (pick: (target: TargetTally) => Record<AttackKind, number>) =>
    targets.reduce((total, target) => total + Object.values(pick(target)).reduce((a, b) => a + b, 0), 0);
  return { targets, totalThrown: sum((target) => target.thrown), totalAccepted: sum((target) => target.accepted) };
}
