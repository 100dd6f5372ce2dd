/** The token service the bench loads: one HS256 key, one API key, one server, no rate limit. */
import { createHash } from 'node:crypto';
import type { RoomSetup, SharedSecretKey, TokenServiceConfig } from '../src/server/index.js';

export const BENCH_KEY: SharedSecretKey = {
  appId: 'nano_meet_bench',
  secret: 'a-bench-secret-of-at-least-32-characters',
};
export const BENCH_API_KEY = 'nm_bench_0123456789abcdef0123456789abcdef';
export const BENCH_SERVER = 'meet.example.org';

export function benchServiceConfig(): TokenServiceConfig {
  return {
    keys: [{ ...BENCH_KEY, current: true }],
    apiKeys: [{ name: 'bench', sha256: createHash('sha256').update(BENCH_API_KEY).digest('hex') }],
    allowedServers: [BENCH_SERVER],
    inviteUrl: 'https://app.example/meeting.html?token={token}',
    // A load test is not abuse: the limiter would answer 429 after 60 requests.
    rateLimit: false,
  };
}

/** The classic room setup, open from a minute ago for a day. */
export function benchRoomSetup(moderator = true): RoomSetup {
  const now = Date.now();
  return {
    nbf: new Date(now - 60_000).toISOString(),
    exp: new Date(now + 86_400_000).toISOString(),
    streamname: 'BENCH-STREAM',
    server: BENCH_SERVER,
    room: 'bench_room',
    moderator,
  };
}
