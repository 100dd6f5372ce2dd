/**
 * The classic nanoMeet web API (`new NanoMeet()`), so that pages written for the older script-tag API keep
 * working without a rewrite. It is built on `<nano-meet>` and the token service, with two differences a page
 * can only gain from: `init` resolves when the meeting is really joined, and `startBroadcast` when the stream is
 * really live. The API key goes only to the token service configured for the page, never anywhere else.
 *
 * Most pages never call it, so only what must happen at once is here: `init` puts its `<nano-meet>` on the page
 * before anything else arrives (its iframe goes up then: src/elements/early-meeting). The rest (the token service's
 * requests, the refusals in the page's language, waiting for the meeting) is classic-api.ts, imported on demand
 * from the moment a page makes a `NanoMeet`.
 */
import { registerMessages } from '../i18n/catalogue.js';
import { loadOnce } from '../shared/load-once.js';
// init() puts a <nano-meet> on the page: whoever imports this module defines it too (src/index.ts, src/cdn/), which
// the CDN builds do only after the meeting's iframe is up.
import type { NanoMeetElement } from '../elements/nano-meet/nano-meet-element.js';
import type { RoomSetup, InviteSetup } from '../token/token-setup.js';
import type { BroadcastResponse, InviteResponse, MeetingSeen, RoomResponse } from './classic-api.js';
import { NanoMeetApiError } from './nano-meet-api-error.js';

export { NanoMeetApiError, type NanoMeetApiErrorCode } from './nano-meet-api-error.js';
export { TOKEN_SERVICE_META } from './token-service-meta.js';
export type { BroadcastResponse, InviteResponse, RoomResponse } from './classic-api.js';

export interface NanoMeetOptions {
  /** The token service's base URL. Default: the page's `<meta name="nano-meet-token-service">`. */
  tokenService?: string;
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

// The CDN builds fetch it from next to the entry, as classic-api.js (rollup.config.mjs).
const loadClassicApi = loadOnce(() => import('./classic-api.js'));

/** The API's on-demand half, or a refusal that says it could not be loaded (with the browser's reason). */
async function classicApi(): Promise<typeof import('./classic-api.js')> {
  try {
    return await loadClassicApi();
  } catch (cause) {
    // In English, as the autoloader's message about an element file: it tells the page's developer what is not served.
    throw new NanoMeetApiError(
      'classic-api-unavailable',
      `nano-meet's classic API (on a CDN, classic-api.js beside nano-meet.js) did not load: ${String(cause)}`,
      { cause },
    );
  }
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
    // A page that makes a NanoMeet calls it soon: the rest is on its way now. A failure is told by the calls, which
    // load it again.
    loadClassicApi().catch(() => {});
  }

  /** Creates a room token from an API key and the classic room setup (through the token service). */
  async createNanoMeetRoom(apiKey: string, roomSetUp: RoomSetup): Promise<RoomResponse> {
    return (await classicApi()).createRoom(this.#tokenService, apiKey, roomSetUp);
  }

  /** Derives an invite token from a moderator token (through the token service). */
  async createInviteToken(token: string, tokenSetup: InviteSetup & { token?: string }): Promise<InviteResponse> {
    return (await classicApi()).createInvite(this.#tokenService, token, tokenSetup);
  }

  /** Opens the meeting in the element with id `config.id`; resolves once joined. */
  async init(config: InitConfig): Promise<{ data: { moderator: boolean } }> {
    // Up to the append, nothing waits for classic-api.js: the meeting's iframe goes up as the element is added.
    const host = document.getElementById(config.id);
    if (!host) throw await (await classicApi()).elementNotFound(config.id);
    this.#meeting?.remove();
    const meeting = document.createElement('nano-meet');
    meeting.style.width = cssLength(config.width);
    meeting.style.height = cssLength(config.height);
    if (config.branding) meeting.branding = config.branding;
    if (config.loadTimeout !== undefined) meeting.loadTimeout = config.loadTimeout;
    meeting.token = config.token;
    this.#meeting = meeting;
    // The meeting may join or fail before classic-api.js has arrived (or while the element is added): what it says
    // is kept from the start, for classic-api.js to settle from.
    const seen: MeetingSeen = {};
    meeting.addEventListener('nano-meet-ready', ({ detail }) => (seen.ready ??= detail));
    meeting.addEventListener('nano-meet-error', ({ detail }) => (seen.error = detail));
    host.append(meeting);
    return (await classicApi()).joined(meeting, seen);
  }

  /** Starts the broadcast; resolves once the stream is live. `isVOD` keeps a recording. */
  async startBroadcast(isVOD = false): Promise<BroadcastResponse> {
    return (await classicApi()).startBroadcast(this.#meeting, isVOD);
  }

  /** Stops the broadcast; resolves once it has ended. */
  async stopBroadcast(): Promise<{ data: Record<string, never> }> {
    return (await classicApi()).stopBroadcast(this.#meeting);
  }
}

function cssLength(value: number | string | undefined): string {
  if (value === undefined) return '100%';
  return typeof value === 'number' ? `${value}px` : value;
}
