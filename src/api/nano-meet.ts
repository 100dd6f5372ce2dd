/**
 * The classic nanoMeet web API (`new NanoMeet()`), so that pages written for the older script-tag API keep
 * working without a rewrite. It is built on `<nano-meet>` and the token service, with two differences a page
 * can only gain from: `init` resolves when the meeting is really joined, and `startBroadcast` when the stream is
 * really live. The API key goes only to the token service configured for the page, never anywhere else.
 *
 * Its errors speak the page's language (`<html lang>`, src/i18n), except what the token service itself answers:
 * that service's messages are for the page's developer and pass through in English, under the service's `code`.
 */
import { messagesPending, registerMessages, say, text, type Text } from '../i18n/catalogue.js';
import { languageOf } from '../i18n/element-language.js';
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
  /**
   * Adds a language, or some of its sentences, for every nano-meet element on the page (the same as the module's
   * `registerMessages`): `NanoMeet.registerMessages('fr', { 'button.go-live': 'Passer en direct' })`.
   */
  static readonly registerMessages = registerMessages;

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
    if (!host)
      throw await apiError('element-not-found', text('api.element-not-found', { id: JSON.stringify(config.id) }));
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
            // The element's message is already in its language.
            lastError?.message ?? say(languageOf(meeting), text('api.meeting-failed')),
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
    const playout = await (await this.#joinedMeeting()).startBroadcast({ record: isVOD });
    return { data: { playout: { live: playout.live, ...(playout.vod && { vod: playout.vod }) } } };
  }

  /** Stops the broadcast; resolves once it has ended. */
  async stopBroadcast(): Promise<{ data: Record<string, never> }> {
    await (await this.#joinedMeeting()).stopBroadcast();
    return { data: {} };
  }

  async #joinedMeeting(): Promise<NanoMeetElement> {
    if (!this.#meeting?.isConnected) throw await apiError('not-initialized', text('api.not-initialized'));
    return this.#meeting;
  }

  async #post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const base =
      this.#tokenService ?? document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_SERVICE_META}"]`)?.content;
    if (!base) {
      throw await apiError('token-service-missing', text('api.token-service-missing'));
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
      throw await apiError('token-service-unreachable', text('api.token-service-unreachable', { url: base }), {
        cause,
      });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & T;
    if (!response.ok) {
      const error = await apiError(
        answer.error?.code ?? `http-${response.status}`,
        answer.error?.message ?? text('api.token-service-status', { status: response.status }),
      );
      error.status = response.status;
      throw error;
    }
    return answer;
  }
}

/** A refusal in the page's language, once that language's sentences are loaded. */
async function apiError(code: NanoMeetApiErrorCode, said: Text | string, options?: { cause?: unknown }) {
  const language = languageOf(document.documentElement);
  await messagesPending(language);
  return new NanoMeetApiError(code, say(language, said), options);
}

function cssLength(value: number | string | undefined): string {
  if (value === undefined) return '100%';
  return typeof value === 'number' ? `${value}px` : value;
}
