// A stand-in for the browser's RTCPeerConnection and fetch, for the WHEP state machine's Node tests: the
// peer connection is scripted by the test (connect, fail, start and stop the media), fetch answers with
// what the test queued and records every request.

export const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:0',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:0123456789abcdefghijklmn',
  'a=recvonly',
  'a=rtcp-mux',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:1',
  'a=recvonly',
  'a=rtcp-mux',
  '',
].join('\r\n');

export const ANSWER = 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

/** How the scripted server groups its tracks into streams (the answer's msid lines). */
export type TrackGrouping = 'one-stream' | 'stream-per-track' | 'no-stream';

export interface FakeTrack {
  readonly id: string;
  readonly kind: string;
}

/** The browser's MediaStream, as far as the WHEP client uses it. */
export class FakeMediaStream {
  readonly tracks: FakeTrack[];

  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }

  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }

  getTrackById(id: string): FakeTrack | null {
    return this.tracks.find((track) => track.id === id) ?? null;
  }

  kinds(): string[] {
    return this.tracks.map((track) => track.kind).sort();
  }
}

let trackIds = 0;

export class FakePeerConnection extends EventTarget {
  static instances: FakePeerConnection[] = [];
  /** When true, connections connect (and media flows) as soon as the answer is applied. */
  static autoConnect = false;
  static grouping: TrackGrouping = 'one-stream';
  /** The kinds the scripted server sends; the others are answered inactive (no track event). */
  static sends: readonly string[] = ['video', 'audio'];
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: string[] = [];
  readonly receivers = [{ jitterBufferTarget: null as number | null }, { jitterBufferTarget: null as number | null }];
  /** While true, every statistics reading shows one more decoded frame (and audio packet) of what is sent. */
  flowing = false;
  framesDecoded = 0;
  audioPackets = 0;
  closed = false;

  constructor(readonly configuration: RTCConfiguration) {
    super();
    // As a browser does, for an ICE server address it cannot read.
    const urls = (configuration.iceServers ?? []).flatMap((server) => server.urls);
    if (urls.some((url) => /\s/.test(url))) throw new SyntaxError(`Invalid ICE server URL: ${urls.join(', ')}`);
    FakePeerConnection.instances.push(this);
  }

  static reset(): void {
    FakePeerConnection.instances = [];
    FakePeerConnection.autoConnect = false;
    FakePeerConnection.grouping = 'one-stream';
    FakePeerConnection.sends = ['video', 'audio'];
  }

  static latest(): FakePeerConnection {
    const pc = FakePeerConnection.instances.at(-1);
    if (!pc) throw new Error('no peer connection was made');
    return pc;
  }

  addTransceiver(kind: string, init: RTCRtpTransceiverInit): void {
    this.transceivers.push(`${kind}:${init.direction}`);
  }

  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: OFFER };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (!description.sdp?.startsWith('v=0')) throw new Error('not SDP');
    this.remoteDescription = description;
    // A real connection signals the remote tracks while the answer is applied, in the offer's order.
    const kinds = ['video', 'audio'].filter((kind) => FakePeerConnection.sends.includes(kind));
    const tracks = kinds.map((kind) => ({ id: `track-${++trackIds}`, kind }));
    const shared = new FakeMediaStream(tracks);
    const grouping = FakePeerConnection.grouping;
    for (const track of tracks) {
      const own = new FakeMediaStream([track]);
      const streams = grouping === 'one-stream' ? [shared] : grouping === 'stream-per-track' ? [own] : [];
      this.dispatchEvent(Object.assign(new Event('track'), { track, streams }));
    }
    if (FakePeerConnection.autoConnect) setTimeout(() => this.connectionState === 'new' && this.connect(), 1);
  }

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    const sends = FakePeerConnection.sends;
    if (this.flowing && sends.includes('video')) this.framesDecoded++;
    if (this.flowing && sends.includes('audio')) this.audioPackets++;
    const timestamp = Date.now();
    return new Map([
      ['video', { type: 'inbound-rtp', kind: 'video', framesDecoded: this.framesDecoded, timestamp }],
      ['audio', { type: 'inbound-rtp', kind: 'audio', packetsReceived: this.audioPackets, timestamp }],
    ]);
  }

  getReceivers() {
    return this.receivers;
  }

  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
  }

  /** Test controls */
  connect(): void {
    this.connectionState = 'connected';
    this.flowing = true;
  }

  candidate(candidate: string | null): void {
    const value = candidate === null ? null : { candidate, sdpMid: '0', sdpMLineIndex: 0 };
    this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: value }));
  }
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  keepalive: boolean;
}

type Reply = Response | Error | ((request: RecordedRequest) => Response | Error);

/** A fetch that answers from per-method queues (the last reply of a queue repeats) and records requests. */
export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  readonly #replies = new Map<string, Reply[]>();

  reply(method: string, ...replies: Reply[]): this {
    this.#replies.set(method, [...(this.#replies.get(method) ?? []), ...replies]);
    return this;
  }

  requestsOf(method: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method);
  }

  readonly fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const request: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      keepalive: init.keepalive ?? false,
    };
    this.requests.push(request);
    const queue = this.#replies.get(request.method) ?? [];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    const reply = typeof next === 'function' ? next(request) : next;
    if (reply === undefined) return new Response(null, { status: 200 });
    if (reply instanceof Error) throw reply;
    return reply;
  }) as typeof fetch;
}

export function created(location = '/whep/stream/session-1', headers: Record<string, string> = {}): Response {
  return new Response(ANSWER, { status: 201, headers: { 'content-type': 'application/sdp', location, ...headers } });
}

export function status(code: number, headers: Record<string, string> = {}): Response {
  return new Response(code === 204 ? null : `status ${code}`, { status: code, headers });
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
