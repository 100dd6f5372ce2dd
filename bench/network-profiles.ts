/**
 * The networks the bench loads pages over. Chromium's own throttling adds its latency per request and hides
 * connection set-up, and this kernel has no `netem`, so the delaying proxy (delaying-proxy.ts) plays the network:
 * these are its settings.
 */

export interface NetworkProfile {
  readonly name: string;
  /** Round-trip time the proxy adds: half on the way to the server, half on the way back. */
  readonly rttMs: number;
  /** Bytes per millisecond toward the browser (Infinity: no limit). */
  readonly downBytesPerMs: number;
  /** Bytes per millisecond toward the servers. */
  readonly upBytesPerMs: number;
  /**
   * TCP slow start: what a fresh connection may send before its first acknowledgement comes back (RFC 6928:
   * ten segments); it grows by what each round trip acknowledges. Infinity turns it off.
   */
  readonly initialWindowBytes: number;
}

/** Mbit/s (as access links are sold) in bytes per millisecond. */
const mbits = (megabits: number) => (megabits * 1_000_000) / 8 / 1000;
/** A full Ethernet segment's payload: what slow start counts in. */
export const SEGMENT_BYTES = 1460;
const INITIAL_WINDOW = 10 * SEGMENT_BYTES;

export const PROFILES = {
  /** The bench's old world: nothing added, so a script's round trips cost nothing. */
  loopback: {
    name: 'loopback',
    rttMs: 0,
    downBytesPerMs: Infinity,
    upBytesPerMs: Infinity,
    initialWindowBytes: Infinity,
  },
  /** A cable line near the servers (cable upstream is a fraction of downstream). */
  cable: {
    name: 'cable',
    rttMs: 20,
    downBytesPerMs: mbits(20),
    upBytesPerMs: mbits(5),
    initialWindowBytes: INITIAL_WINDOW,
  },
  /** Lighthouse's mobile throttling ("slow 4G"): 150 ms, 1.6 Mbit/s down, 750 kbit/s up. */
  mobile: {
    name: 'mobile',
    rttMs: 150,
    downBytesPerMs: mbits(1.6),
    upBytesPerMs: mbits(0.75),
    initialWindowBytes: INITIAL_WINDOW,
  },
} as const satisfies Record<string, NetworkProfile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}

/** For people: "150 ms RTT, 1.6 Mbit/s down, 0.75 up". */
export function describeNetwork({ rttMs, downBytesPerMs, upBytesPerMs }: NetworkProfile): string {
  const megabits = (bytesPerMs: number) => bytesPerMs * 0.008;
  return rttMs === 0
    ? 'nothing added'
    : `${rttMs} ms RTT, ${megabits(downBytesPerMs)} Mbit/s down, ${megabits(upBytesPerMs)} up`;
}
