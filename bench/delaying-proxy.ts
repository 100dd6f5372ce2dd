/**
 * A TCP proxy that plays a network between the browser and one origin: every byte is held for half the round trip
 * in each direction, paced to the link's bandwidth, and a fresh connection pays its handshake and TCP slow start.
 * It forwards bytes untouched, so TLS (the meeting server is HTTPS, as Jitsi's is) pays its handshake round trip
 * through it exactly as in production.
 *
 * Why not Chromium's own emulation: it adds its latency per request and hides connection set-up, which is most of
 * what a script from another origin costs. Why not `netem`: this kernel has none.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { SEGMENT_BYTES, type NetworkProfile } from './network-profiles.js';

type Direction = 'down' | 'up';

/** Loopback: the proxy passes bytes on as they come. */
const isInstant = (profile: NetworkProfile) =>
  profile.rttMs === 0 &&
  profile.downBytesPerMs === Infinity &&
  profile.upBytesPerMs === Infinity &&
  profile.initialWindowBytes === Infinity;

/**
 * The user's access link, shared by every proxy: the page, the CDN and the meeting server all come down the same
 * line, so their bytes queue behind each other as they would.
 */
export class NetworkLink {
  #profile: NetworkProfile;
  readonly #freeAt: Record<Direction, number> = { down: 0, up: 0 };

  constructor(profile: NetworkProfile) {
    this.#profile = profile;
  }

  get profile(): NetworkProfile {
    return this.#profile;
  }

  /** Switches the network; connections made from now on (and bytes sent from now on) see the new one. */
  use(profile: NetworkProfile): void {
    this.#profile = profile;
    this.#freeAt.down = this.#freeAt.up = 0;
  }

  /** When `bytes`, ready to leave at `at`, have all gone onto the line (after whatever was queued before them). */
  transmit(direction: Direction, bytes: number, at: number): number {
    const rate = direction === 'down' ? this.#profile.downBytesPerMs : this.#profile.upBytesPerMs;
    if (rate === Infinity) return at;
    const start = Math.max(at, this.#freeAt[direction]);
    this.#freeAt[direction] = start + bytes / rate;
    return this.#freeAt[direction];
  }
}

/** One direction of one connection: bytes queued with the time they arrive at the far end. */
class Flow {
  readonly #queue: { at: number; data: Buffer | undefined }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastAt = 0;
  // Slow start: bytes in flight in the current round trip, and what this round may carry.
  #window: number | undefined;
  #roundStart = -Infinity;
  #inRound = 0;

  constructor(
    private readonly link: NetworkLink,
    private readonly direction: Direction,
    private readonly target: Socket,
    /** Nothing leaves before this: the TCP handshake's round trip, for the browser's first bytes. */
    private readonly notBefore: number,
  ) {}

  send(data: Buffer): void {
    const profile = this.link.profile;
    const now = performance.now();
    if (this.#queue.length === 0 && isInstant(profile)) {
      this.target.write(data);
      return;
    }
    for (let offset = 0; offset < data.length; offset += SEGMENT_BYTES) {
      const segment = data.subarray(offset, offset + SEGMENT_BYTES);
      const leaves = this.#slowStart(Math.max(now, this.notBefore), segment.length, profile);
      this.#enqueue(this.link.transmit(this.direction, segment.length, leaves) + profile.rttMs / 2, segment);
    }
  }

  /** The far end's FIN, after the bytes before it. */
  end(): void {
    this.#enqueue(Math.max(performance.now(), this.notBefore) + this.link.profile.rttMs / 2, undefined);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#queue.length = 0;
  }

  /** When a segment may leave: a round trip's acknowledgements let the window grow by what they acknowledge. */
  #slowStart(at: number, bytes: number, profile: NetworkProfile): number {
    if (profile.initialWindowBytes === Infinity) return at;
    this.#window ??= profile.initialWindowBytes;
    let leaves = at;
    if (leaves >= this.#roundStart + profile.rttMs) {
      this.#window += this.#inRound;
      this.#roundStart = leaves;
      this.#inRound = 0;
    } else if (this.#inRound + bytes > this.#window) {
      this.#window += this.#inRound;
      this.#roundStart += profile.rttMs;
      leaves = this.#roundStart;
      this.#inRound = 0;
    }
    this.#inRound += bytes;
    return leaves;
  }

  #enqueue(at: number, data: Buffer | undefined): void {
    // Bytes of one connection never overtake each other, whatever the link did meanwhile.
    this.#lastAt = Math.max(at, this.#lastAt);
    this.#queue.push({ at: this.#lastAt, data });
    if (this.#timer === undefined) this.#pump();
  }

  readonly #pump = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    // Timers fire on whole milliseconds: what is due within half of one goes now.
    while (this.#queue.length > 0 && this.#queue[0]!.at <= now + 0.5) {
      const { data } = this.#queue.shift()!;
      if (data === undefined) this.target.end();
      else this.target.write(data);
    }
    if (this.#queue.length > 0) this.#timer = setTimeout(this.#pump, this.#queue[0]!.at - now);
  };
}

export interface DelayingProxy {
  /** The port on 127.0.0.1 the browser connects to. */
  readonly port: number;
  /** Connections accepted so far: a cold page load opens fresh ones. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 in front of `target`, playing `link`'s network. */
export async function startDelayingProxy(
  target: { host: string; port: number },
  link: NetworkLink,
): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    connections++;
    // On loopback the kernel completes the browser's connect at once, before anything is delayed; so its first
    // bytes are held until the handshake would have ended (SYN out, SYN-ACK back: one round trip). HTTP and TLS
    // clients speak first, so this costs them exactly what the handshake would.
    const handshakeDone = performance.now() + link.profile.rttMs;
    const upstream = connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true });
    const up = new Flow(link, 'up', upstream, handshakeDone);
    const down = new Flow(link, 'down', client, 0);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        up.cancel();
        down.cancel();
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data: Buffer) => up.send(data));
    upstream.on('data', (data: Buffer) => down.send(data));
    client.on('end', () => up.end());
    upstream.on('end', () => down.end());
    client.on('close', () => down.cancel());
    upstream.on('close', () => up.cancel());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
