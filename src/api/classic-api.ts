/**
 * The classic API's half that is only needed once a page calls it (src/api/nano-meet.ts keeps the rest): the token
 * service's requests, the refusals in the page's language, init's outcome and the broadcast. Most pages never call
 * the API, so it is imported on demand; the CDN builds fetch it as classic-api.js from next to the entry, and it
 * takes what it shares with the entry (the catalogue, the error class) from the page's registry
 * (rollup.config.mjs, src/tooling/rollup-shared-core.mjs).
 *
 * Its errors speak the page's language (`<html lang>`, src/i18n), except what the token service itself answers:
 * that service's messages are for the page's developer and pass through in English, under the service's `code`.
 */
import { messagesPending, say, text, type Text } from '../i18n/catalogue.js';
import { languageOf } from '../i18n/element-language.js';
import type { NanoMeetElement } from '../elements/nano-meet/nano-meet-element.js';
import type { InviteSetup, RoomSetup } from '../token/token-setup.js';
import { NanoMeetApiError, type NanoMeetApiErrorCode } from './nano-meet-api-error.js';
import { TOKEN_SERVICE_META } from './token-service-meta.js';

/**
 * What init's meeting said before this module arrived: init listens from the moment it creates the element, and the
 * meeting may join, or fail, before this module is there.
 */
export interface MeetingSeen {
  /** The first `nano-meet-ready`'s detail. */
  ready?: { moderator: boolean };
  /** The last `nano-meet-error`'s detail (an error that stops the meeting comes before its `error` state). */
  error?: { code: string; message: string };
}

/** What `createNanoMeetRoom` resolves with (the token service's answer). */
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

/** What `createInviteToken` resolves with (the token service's answer). */
export interface InviteResponse {
  data: { moderator: boolean; token: string; inviteLink: string };
}

/** What `startBroadcast` resolves with (the classic API's shape). */
export interface BroadcastResponse {
  data: { playout: { live: string; vod?: string } };
}

/** Creates a room token from an API key and the classic room setup (through the token service). */
export const createRoom = (tokenService: string | undefined, apiKey: string, roomSetUp: RoomSetup) =>
  post<RoomResponse>(tokenService, '/api/v1/rooms', roomSetUp, { authorization: `Bearer ${apiKey}` });

/** Derives an invite token from a moderator token (through the token service); `tokenSetup.token` is not sent. */
export function createInvite(
  tokenService: string | undefined,
  token: string,
  tokenSetup: InviteSetup & { token?: string },
): Promise<InviteResponse> {
  const { token: _ignored, ...setup } = tokenSetup;
  return post<InviteResponse>(tokenService, '/api/v1/invites', { ...setup, token });
}

/** POSTs `body` to the token service at `path`; resolves with its answer, or rejects with its refusal. */
async function post<T>(
  tokenService: string | undefined,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const base = tokenService ?? document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_SERVICE_META}"]`)?.content;
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

/** init's refusal when the page has no element with that id. */
export const elementNotFound = (id: string) =>
  apiError('element-not-found', text('api.element-not-found', { id: JSON.stringify(id) }));

/**
 * Resolves once `meeting` has joined, rejects once it has failed: at once when it did before this module arrived.
 * Only an error that stops the meeting fails init; a warning (e.g. bad branding) does not.
 */
export async function joined(meeting: NanoMeetElement, seen: MeetingSeen): Promise<{ data: { moderator: boolean } }> {
  const settled = () => seen.ready !== undefined || meeting.state === 'error';
  if (!settled()) {
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!settled()) return;
        meeting.removeEventListener('nano-meet-ready', check);
        meeting.removeEventListener('nano-meet-state-change', check);
        resolve();
      };
      meeting.addEventListener('nano-meet-ready', check);
      meeting.addEventListener('nano-meet-state-change', check);
    });
  }
  if (seen.ready) return { data: { moderator: seen.ready.moderator } };
  // The error screen is up before the page hears of the failure.
  await meeting.updateComplete;
  throw new NanoMeetApiError(
    seen.error?.code ?? 'meeting-failed',
    // The element's message is already in its language.
    seen.error?.message ?? say(languageOf(meeting), text('api.meeting-failed')),
  );
}

/** Starts the broadcast of init's meeting; resolves once the stream is live. */
export async function startBroadcast(
  meeting: NanoMeetElement | undefined,
  record: boolean,
): Promise<BroadcastResponse> {
  const playout = await (await initialized(meeting)).startBroadcast({ record });
  return { data: { playout: { live: playout.live, ...(playout.vod && { vod: playout.vod }) } } };
}

/** Stops the broadcast of init's meeting; resolves once it has ended. */
export async function stopBroadcast(meeting: NanoMeetElement | undefined): Promise<{ data: Record<string, never> }> {
  await (await initialized(meeting)).stopBroadcast();
  return { data: {} };
}

async function initialized(meeting: NanoMeetElement | undefined): Promise<NanoMeetElement> {
  if (!meeting?.isConnected) throw await apiError('not-initialized', text('api.not-initialized'));
  return meeting;
}

/** A refusal in the page's language, once that language's sentences are loaded. */
async function apiError(code: NanoMeetApiErrorCode, said: Text | string, options?: { cause?: unknown }) {
  const language = languageOf(document.documentElement);
  await messagesPending(language);
  return new NanoMeetApiError(code, say(language, said), options);
}
