/**
 * One WHEP negotiation (draft-ietf-wish-whep, which takes its HTTP rules from WHIP, RFC 9725): a receive-only
 * peer connection whose offer is POSTed at once, its ICE candidates trickled by PATCH as they come, and the
 * session DELETEd when it is closed. Retrying, waiting and watching the media are the job of {@link WhepClient}.
 */
import { CodedError } from '../shared/coded-error.js';
import { parseRetryAfter } from './backoff.js';

/** What a WHEP negotiation needs from the browser; tests pass fakes. */
export interface WhepDependencies {
  fetch: typeof fetch;
  RTCPeerConnection: typeof RTCPeerConnection;
  MediaStream: typeof MediaStream;
}

/**
 * Why a negotiation or session failed:
 * - `not-live`: 404/409, the stream is not (or no longer) published: wait and ask again;
 * - `busy`: 503, the server is full for now;
 * - `refused`: another 4xx, the server will not serve this request as it is;
 * - `server`: another 5xx, or an answer that is not SDP;
 * - `network`: the request did not get through (offline, CORS, TLS);
 * - `ice-failed`, `no-media`: signalling worked but no media arrived.
 */
export type WhepFailureCode = 'not-live' | 'busy' | 'refused' | 'server' | 'network' | 'ice-failed' | 'no-media';

export class WhepFailure extends CodedError<WhepFailureCode> {
  override readonly name = 'WhepFailure';

  constructor(
    code: WhepFailureCode,
    message: string,
    readonly status?: number,
    /** The server's Retry-After, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(code, message);
  }
}

export interface WhepSessionOptions {
  signal?: AbortSignal;
  iceServers?: RTCIceServer[];
}

/** Redirects followed by hand, for fetch implementations that hand them over instead of following. */
const MAX_REDIRECTS = 5;
/** PATCH answers that mean "this server does not take trickled candidates": stop sending them. */
const NO_TRICKLE = new Set([405, 422, 501]);

/** An established WHEP session. */
export class WhepSession {
  /** Set once the answer is applied, from the 201's `Location`. */
  resourceUrl: string | undefined;
  etag: string | undefined;
  /** The STUN/TURN servers the 201 named (`Link: <url>; rel="ice-server"`, RFC 9725 §4.6). */
  iceServers: RTCIceServer[] = [];
  /**
   * Every track the server sends, in one stream to play. Servers group their tracks as they like: one stream
   * (as WHEP asks), one stream per track, or none at all (`a=msid:- <track>`: the track event has no stream).
   */
  readonly stream: MediaStream;
  /**
   * The kinds of media the server sends: what the answer left receiving. A server with only audio (or only
   * video) to give answers the other section `a=inactive` (or rejects it), and no track comes for it.
   */
  readonly kinds = new Set<string>();
  #trickle = true;
  #pending: RTCIceCandidate[] = [];
  #endOfCandidates = false;
  #sending: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    readonly pc: RTCPeerConnection,
    private readonly fetcher: typeof fetch,
    stream: MediaStream,
  ) {
    this.stream = stream;
    pc.addEventListener('track', ({ track }) => {
      this.kinds.add(track.kind);
      if (!stream.getTrackById(track.id)) stream.addTrack(track);
    });
  }

  /** Candidates gathered before the resource URL was known, and later ones, go out by PATCH in order. */
  queueCandidate(candidate: RTCIceCandidate | null): void {
    if (!this.#trickle || this.#closed) return;
    if (candidate && candidate.candidate) this.#pending.push(candidate);
    else if (!candidate) this.#endOfCandidates = true;
    if (this.resourceUrl) this.flushCandidates();
  }

  /** Sends what is queued as one SDP fragment (RFC 8840); serialised so fragments arrive in order. */
  flushCandidates(): Promise<void> {
    this.#sending = this.#sending.then(() => this.#sendPending());
    return this.#sending;
  }

  async #sendPending(): Promise<void> {
    const url = this.resourceUrl;
    if (!url || !this.#trickle || this.#closed || (this.#pending.length === 0 && !this.#endOfCandidates)) return;
    const candidates = this.#pending;
    const end = this.#endOfCandidates;
    this.#pending = [];
    this.#endOfCandidates = false;
    const body = trickleFragment(this.pc.localDescription?.sdp ?? '', candidates, end);
    if (body === undefined) return;
    try {
      const response = await this.fetcher(url, {
        method: 'PATCH',
        headers: { 'content-type': 'application/trickle-ice-sdpfrag', ...(this.etag && { 'if-match': this.etag }) },
        body,
      });
      // Any refusal ends trickling: the answer's candidates or the peer-reflexive ones still connect.
      if (NO_TRICKLE.has(response.status) || !response.ok) this.#trickle = false;
    } catch {
      this.#trickle = false;
    }
  }

  /** Whether candidates are still being trickled (false once the server declined a PATCH). */
  get trickling(): boolean {
    return this.#trickle;
  }

  /**
   * Closes the peer connection and DELETEs the session on the server. With `keepalive` the DELETE
   * outlives the page (pagehide), so the server frees the viewer's slot at once. No `If-Match`: the ETag
   * names an ICE session, and a DELETE ends the session whatever its ICE state (the draft's "SHOULD NOT").
   */
  close(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.pc.close();
    const url = this.resourceUrl;
    if (!url) return Promise.resolve();
    return this.fetcher(url, { method: 'DELETE', keepalive: options.keepalive ?? false }).then(
      () => undefined,
      () => undefined,
    );
  }
}

/**
 * Negotiates a receive-only (audio + video) session with the WHEP endpoint `url`. Resolves once the
 * answer is applied, before ICE connects, with every track the answer announced in `session.stream`;
 * rejects with a {@link WhepFailure} (the peer connection is then closed) or with the signal's reason.
 */
export async function openWhepSession(
  url: string,
  dependencies: WhepDependencies,
  options: WhepSessionOptions = {},
): Promise<WhepSession> {
  const pc = new dependencies.RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers: options.iceServers ?? [] });
  const session = new WhepSession(pc, dependencies.fetch, new dependencies.MediaStream());
  pc.addEventListener('icecandidate', (event) => session.queueCandidate(event.candidate));
  try {
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    await pc.setLocalDescription(await pc.createOffer());
    // POSTed without waiting for ICE gathering: the candidates follow by PATCH (half the time to first frame).
    const offer = withRtcpMuxOnly(pc.localDescription?.sdp ?? '');
    const { response, finalUrl } = await postOffer(url, offer, dependencies.fetch, options.signal);
    // Relative to the address that answered (after any redirect), not to the page. Known before the answer is
    // read, so that a session whose answer cannot be used is still DELETEd.
    const location = response.headers.get('location');
    session.resourceUrl = location ? new URL(location, finalUrl).href : undefined;
    session.etag = response.headers.get('etag') ?? undefined;
    session.iceServers = iceServerLinks(response.headers.get('link'));
    const answer = await readAnswer(response, finalUrl);
    options.signal?.throwIfAborted();
    try {
      // The track events (and so the stream's tracks) come while the answer is applied.
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (cause) {
      throw new WhepFailure(
        'server',
        `The WHEP server's answer was not usable: ${(cause as Error).message}`,
        response.status,
      );
    }
    if (session.kinds.size === 0) {
      const why = 'every media section of its answer is inactive or rejected';
      throw new WhepFailure('no-media', `The WHEP server at ${finalUrl} sends neither audio nor video: ${why}.`);
    }
    void session.flushCandidates();
    return session;
  } catch (error) {
    void session.close();
    throw error;
  }
}

/** One link of a `Link` header (RFC 8288): `<target>` and its parameters, quoted strings read whole. */
const LINK = /\s*<([^>]*)>((?:\s*;\s*[\w-]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,"\s]*))?)*)\s*(?:,|$)/y;
const LINK_PARAMETER = /;\s*([\w-]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,"\s]*)))?/g;

/**
 * The ICE servers of a `Link` header's `rel="ice-server"` links (RFC 9725 §4.6): the STUN or TURN URL, with the
 * `username` and `credential` a TURN server needs (without them, or with a `credential-type` other than
 * `password`, the default, a browser cannot use it).
 * Other links are left out; reading stops at the first that cannot be read. fetch joins repeated headers with ", ".
 */
export function iceServerLinks(header: string | null): RTCIceServer[] {
  const servers: RTCIceServer[] = [];
  if (!header) return servers;
  LINK.lastIndex = 0;
  for (let link = LINK.exec(header); link; link = LINK.lastIndex < header.length ? LINK.exec(header) : null) {
    const [, urls = '', rest = ''] = link;
    const parameters = new Map<string, string>();
    for (const [, name = '', quoted, token] of rest.matchAll(LINK_PARAMETER))
      parameters.set(name.toLowerCase(), quoted?.replace(/\\(.)/g, '$1') ?? token ?? '');
    const relations = (parameters.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = parameters.get('credential-type') ?? 'password';
    if (!relations.includes('ice-server') || type !== 'password' || !/^(stuns?|turns?):/i.test(urls)) continue;
    const username = parameters.get('username');
    const credential = parameters.get('credential');
    // A browser refuses to make a peer connection with a TURN server that has no credentials.
    if (/^turns?:/i.test(urls) && (username === undefined || credential === undefined)) continue;
    servers.push({
      urls,
      ...(username !== undefined && { username }),
      ...(credential !== undefined && { credential }),
    });
  }
  return servers;
}

/**
 * JSEP (RFC 9429 §5.2.1) and WHEP ask for `a=rtcp-mux-only` beside `a=rtcp-mux` when RTCP multiplexing is
 * required, as it always is in browsers; Chromium leaves the line out, so it is added to what is POSTed.
 */
export function withRtcpMuxOnly(sdp: string): string {
  if (/^a=rtcp-mux-only\r?$/m.test(sdp)) return sdp;
  return sdp.replace(/^a=rtcp-mux(\r?\n)/gm, 'a=rtcp-mux$1a=rtcp-mux-only$1');
}

/** The SDP answer of a 201: `application/sdp` (a server that names no type is given the benefit of the doubt). */
async function readAnswer(response: Response, url: string): Promise<string> {
  const { status } = response;
  const type = mediaType(response.headers.get('content-type'));
  const answer = await response.text();
  if (type !== undefined && type !== 'application/sdp') {
    const what = `${type} instead of an SDP answer (application/sdp)`;
    throw new WhepFailure('server', `The WHEP server at ${url} answered ${status} with ${what}.`, status);
  }
  if (!/^v=0/.test(answer.trimStart())) {
    throw new WhepFailure('server', `The WHEP server at ${url} answered ${status} without an SDP answer.`, status);
  }
  return answer;
}

async function postOffer(
  url: string,
  sdp: string,
  fetcher: typeof fetch,
  signal?: AbortSignal,
): Promise<{ response: Response; finalUrl: string }> {
  let target = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetcher(target, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp' },
        body: sdp,
        ...(signal && { signal }),
      });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new WhepFailure(
        'network',
        `The WHEP server at ${target} could not be reached (${(cause as Error).message}).`,
      );
    }
    // Browsers follow 307/308 themselves (then response.url is the final address); others hand them back.
    const finalUrl = response.url || target;
    const location = response.headers.get('location');
    if ((response.status === 307 || response.status === 308) && location) {
      target = new URL(location, finalUrl).href;
      continue;
    }
    if (response.status === 201 || response.status === 200) return { response, finalUrl };
    throw await failureOf(response, finalUrl);
  }
  throw new WhepFailure('server', `The WHEP server at ${url} redirected more than ${MAX_REDIRECTS} times.`);
}

/**
 * What a refused POST means for the player. Statuses WHEP does not name fall back to their class (RFC 9110
 * §15: an unknown 4xx is a 400, an unknown 5xx a 500), so that no status is left unhandled.
 */
async function failureOf(response: Response, url: string): Promise<WhepFailure> {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const reason = await serverReason(response);
  const why = reason ? `${status}: ${reason}` : String(status);
  if (status === 404 || status === 409) {
    return new WhepFailure('not-live', `The stream at ${url} is not live (${why}).`, status, retryAfterMs);
  }
  if (status === 503 || status === 429) {
    return new WhepFailure('busy', `The WHEP server at ${url} is busy (${why}).`, status, retryAfterMs);
  }
  if (status >= 400 && status < 500) {
    return new WhepFailure('refused', `The WHEP server at ${url} refused the offer (${why}).`, status);
  }
  return new WhepFailure('server', `The WHEP server at ${url} failed (${why}).`, status);
}

/** Longest server reason quoted in an error message. */
const MAX_REASON_CHARS = 200;

/**
 * The server's own words for a refusal, when it gave them as plain text or as problem details (RFC 9457,
 * which WHEP suggests): they tell a developer what to change. Anything else (an HTML error page) is left out.
 */
async function serverReason(response: Response): Promise<string | undefined> {
  const type = mediaType(response.headers.get('content-type'));
  if (type !== 'text/plain' && type !== 'application/problem+json') return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (type === 'application/problem+json') {
    try {
      const problem = JSON.parse(text) as { detail?: unknown; title?: unknown };
      text = [problem.title, problem.detail].filter((part) => typeof part === 'string' && part !== '').join(': ');
    } catch {
      return undefined;
    }
  }
  const reason = text.replace(/\s+/g, ' ').trim();
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason || undefined;
}

/** `type/subtype` of a Content-Type header, lower-cased and without parameters; undefined without one. */
function mediaType(header: string | null): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * The SDP fragment of RFC 8840 for trickled candidates: the ICE credentials, then each media section's
 * `m=`/`a=mid` with its candidates. With max-bundle every candidate belongs to the first section.
 */
export function trickleFragment(
  localSdp: string,
  candidates: readonly RTCIceCandidate[],
  endOfCandidates: boolean,
): string | undefined {
  const ufrag = /^a=ice-ufrag:(.+)$/m.exec(localSdp)?.[1]?.trim();
  const pwd = /^a=ice-pwd:(.+)$/m.exec(localSdp)?.[1]?.trim();
  const media = /^m=(\S+)/m.exec(localSdp)?.[1];
  const mid = /^a=mid:(.+)$/m.exec(localSdp)?.[1]?.trim() ?? candidates[0]?.sdpMid ?? '0';
  if (!ufrag || !pwd || !media) return undefined;
  const lines = [`a=ice-ufrag:${ufrag}`, `a=ice-pwd:${pwd}`, `m=${media} 9 UDP/TLS/RTP/SAVPF 0`, `a=mid:${mid}`];
  for (const candidate of candidates) lines.push(`a=${candidate.candidate}`);
  if (endOfCandidates) lines.push('a=end-of-candidates');
  return `${lines.join('\r\n')}\r\n`;
}
