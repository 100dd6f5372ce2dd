/**
 * One meeting in one iframe, whichever way it was opened: by nano-meet's own protocol client (no script from
 * the meeting server runs in the page) or through the server's `external_api.js`. `<nano-meet>` talks only to
 * this interface, so both routes behave the same for it.
 */
import type { JitsiCommandName, JitsiEventName } from './jitsi-wire/wire-names.js';

/** How the meeting is put on the page. */
export type MeetingLoader = 'native' | 'external';

/** The requests `<nano-meet>` asks (none takes arguments), by their public name, and what they answer. */
export interface SessionRequests {
  isAudioMuted: boolean;
  isVideoMuted: boolean;
  getRoomsInfo: RoomsInfo;
  getLivestreamUrl: { livestreamUrl?: string };
  /** `null` outside a conference. */
  isP2pActive: boolean | null;
  /**
   * Newer deployments only (the Jitsi handbook documents it; older pages answer as to any unknown request:
   * `{error: {}}`, docs/jitsi/wire.md §4).
   */
  getConnectionStats: unknown;
}

/** `getRoomsInfo()`: the main room and any breakout rooms, with who is in them. */
export interface RoomsInfo {
  rooms: {
    isMainRoom?: boolean;
    id?: string;
    jid?: string;
    participants: { id: string; displayName?: string; role?: string; avatarUrl?: string; jid?: string }[];
  }[];
}

export interface SessionOptions {
  /** The meeting server: host, optional port, optional tenant path. */
  domain: string;
  roomName: string;
  jwt: string;
  parentNode: HTMLElement;
  /** The iframe's accessible name. */
  title: string;
  lang?: string;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  userInfo?: { displayName?: string; email?: string };
  /** Requests unanswered after this long are rejected with code `timeout`. */
  requestTimeoutMs: number;
}

export interface MeetingSession {
  readonly iframe: HTMLIFrameElement;
  /** Sends a command by its public name (`executeCommand`). */
  command(name: JitsiCommandName, ...args: unknown[]): void;
  request<Name extends keyof SessionRequests>(name: Name): Promise<SessionRequests[Name]>;
  /** Hears every public event with its payload; returns the way to stop. */
  onEvent(listener: (name: JitsiEventName, payload: Record<string, unknown>) => void): () => void;
  /** Takes the meeting off the page. Pending requests are rejected. */
  dispose(): void;
}

/** The options both routes hand to Jitsi as they are (the constructor's and `openMeeting`'s alike). */
export function jitsiOptionsOf(options: SessionOptions) {
  return {
    roomName: options.roomName,
    jwt: options.jwt,
    parentNode: options.parentNode,
    ...(options.lang && { lang: options.lang }),
    ...(options.configOverwrite && { configOverwrite: options.configOverwrite }),
    ...(options.interfaceConfigOverwrite && { interfaceConfigOverwrite: options.interfaceConfigOverwrite }),
    ...(options.userInfo && { userInfo: options.userInfo }),
  };
}
