/**
 * The classic nanoMeet web API (`new NanoMeet()`), so that pages written for the older script-tag API keep
 * working without a rewrite. It is built on `<nano-meet>` and the token service, with two differences a page
 * can only gain from: `init` resolves when the meeting is really joined, and `startBroadcast` when the stream is
 * really live. The API key goes only to the token service configured for the page, never anywhere else.
 */
import { CodedError } from '../shared/coded-error.js';
// init() puts a <nano-meet> on the page: whoever imports this module defines it too (src/index.ts, src/cdn/), which
// the CDN builds do only after the meeting's iframe is up.
import type { NanoMeetElement } from '../elements/nano-meet/nano-meet-element.js';
import type { RoomSetup, InviteSetup } from '../token/token-setup.js';

/** Where the page's token service is, e.g. `<meta name="nano-meet-token-service" content="https://tokens.example">`. */
export const TOKEN_SERVICE_META = 'nano-meet-token-service';

export type NanoMeetApiErrorCode =
  /** No token service is configured for this page. */
  | 'token-service-missing'
  /** The token service could not be reached. */
  | 'token-service-unreachable'
  /** No element with the id given to `init`. */
  | 'element-not-found'
  /** `startBroadcast`/`stopBroadcast` before `init`. */
  | 'not-initialized'
  /** Anything the token service or the meeting refused: their own code (e.g. `api-key-invalid`, `token-expired`). */
  | (string & {});

/** A refusal, with the code of whoever refused (token service, meeting, this API) and what to do. */
export class NanoMeetApiError extends CodedError<NanoMeetApiErrorCode> {
  override readonly name = 'NanoMeetApiError';
  /** The token service's HTTP status, when it answered. */
  status?: number;
}

export interface NanoMeetOptions {
  /** The token service's base URL. Default: the page's `<meta name="nano-meet-token-service">`. */
  tokenService?: string;
}

export interface RoomResponse {
  data: {
    expiration: string;
    notbefore: string;
    room: string;
    server: string;
    streamname: string;
    moderator: boolean;
    token: string;
  };
}

export interface InviteResponse {
  data: { moderator: boolean; token: string; inviteLink: string };
}

export interface InitConfig {
  token: string;
  /** The id of the element the meeting goes into. */
  id: string;
  /** Pixels (a number) or a CSS length. Default 100%. */
  width?: number | string;
  height?: number | string;
  /** A branding JSON file's URL. */
  branding?: string;
  /**
   * Seconds the meeting may take to load, and again to join, before `init` rejects with code `load-timeout`
   * (the element's `load-timeout`; default 30).
   */
  loadTimeout?: number;
}

export interface BroadcastResponse {
  data: { playout: { live: string; vod?: string } };
}

export class NanoMeet {
  readonly #tokenService: string | undefined;
  #meeting?: NanoMeetElement;

  constructor(options: NanoMeetOptions = {}) {
    this.#tokenService = options.tokenService;
  }

  /** Creates a room token from an API key and the classic room setup (through the token service). */
  createNanoMeetRoom(apiKey: string, roomSetUp: RoomSetup): Promise<RoomResponse> {
    return this.#post<RoomResponse>('/api/v1/rooms', roomSetUp, { authorization: `Bearer ${apiKey}` });
  }

  /** Derives an invite token from a moderator token (through the token service). */
  createInviteToken(token: string, tokenSetup: InviteSetup & { token?: string }): Promise<InviteResponse> {
    const { token: _ignored, ...setup } = tokenSetup;
    return this.#post<InviteResponse>('/api/v1/invites', { ...setup, token });
  }

  /** Opens the meeting in the element with id `config.id`; resolves once joined. */
  async init(config: InitConfig): Promise<{ data: { moderator: boolean } }> {
    const host = document.getElementById(config.id);
    if (!host) throw new NanoMeetApiError('element-not-found', `No element has the id ${JSON.stringify(config.id)}.`);
    this.#meeting?.remove();
    const meeting = document.createElement('nano-meet');
    meeting.style.width = cssLength(config.width);
    meeting.style.height = cssLength(config.height);
    if (config.branding) meeting.branding = config.branding;
    if (config.loadTimeout !== undefined) meeting.loadTimeout = config.loadTimeout;
    meeting.token = config.token;
    this.#meeting = meeting;
    const outcome = new Promise<{ data: { moderator: boolean } }>((resolve, reject) => {
      const settle = () => {
        meeting.removeEventListener('nano-meet-ready', onReady);
        meeting.removeEventListener('nano-meet-state-change', onState);
      };
      const onReady = (event: HTMLElementEventMap['nano-meet-ready']) => {
        settle();
        resolve({ data: { moderator: event.detail.moderator } });
      };
      // Only an error that stops the meeting fails init; a warning (e.g. bad branding) does not.
      let lastError: { code: string; message: string } | undefined;
      meeting.addEventListener('nano-meet-error', (event) => (lastError = event.detail));
      const onState = () => {
        if (meeting.state !== 'error') return;
        settle();
        reject(
          new NanoMeetApiError(
            lastError?.code ?? 'meeting-failed',
            lastError?.message ?? 'The meeting could not open.',
          ),
        );
      };
      meeting.addEventListener('nano-meet-ready', onReady);
      meeting.addEventListener('nano-meet-state-change', onState);
    });
    host.append(meeting);
    if (meeting.state === 'error') await meeting.updateComplete;
    return outcome;
  }

  /** Starts the broadcast; resolves once the stream is live. `isVOD` keeps a recording. */
  async startBroadcast(isVOD = false): Promise<BroadcastResponse> {
    const playout = await this.#joinedMeeting().startBroadcast({ record: isVOD });
    return { data: { playout: { live: playout.live, ...(playout.vod && { vod: playout.vod }) } } };
  }

  /** Stops the broadcast; resolves once it has ended. */
  async stopBroadcast(): Promise<{ data: Record<string, never> }> {
    await this.#joinedMeeting().stopBroadcast();
    return { data: {} };
  }

  #joinedMeeting(): NanoMeetElement {
    if (!this.#meeting?.isConnected) throw new NanoMeetApiError('not-initialized', 'Call init() first.');
    return this.#meeting;
  }

  async #post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const base =
      this.#tokenService ?? document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_SERVICE_META}"]`)?.content;
    if (!base) {
      throw new NanoMeetApiError(
        'token-service-missing',
        `No token service is configured: add <meta name="${TOKEN_SERVICE_META}" content="https://…"> to the page.`,
      );
    }
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (cause) {
      throw new NanoMeetApiError('token-service-unreachable', `The token service at ${base} could not be reached.`, {
        cause,
      });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & T;
    if (!response.ok) {
      const error = new NanoMeetApiError(
        answer.error?.code ?? `http-${response.status}`,
        answer.error?.message ?? `The token service answered ${response.status}.`,
      );
      error.status = response.status;
      throw error;
    }
    return answer;
  }
}

function cssLength(value: number | string | undefined): string {
  if (value === undefined) return '100%';
  return typeof value === 'number' ? `${value}px` : value;
}
