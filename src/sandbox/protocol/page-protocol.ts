/**
 * The sandbox's own HTTP protocol between a meeting page and the sandbox server (not Jitsi's wire
 * protocol): what the page posts to join, what the server streams back. Types only, so the browser
 * bundle can import them without pulling in Node code.
 */
import type { ResumeTiming } from '../meeting-page/resume-timing.js';

/** One event for the host page, exactly as the meeting page posts it: `{name, ...payload}`. */
export interface WireEvent {
  name: string;
  [field: string]: unknown;
}

/** What the page sends to join: the room path as Jitsi's page sees it, the JWT and the userInfo hints. */
export interface JoinRequest {
  /** `location.pathname` of the meeting page: `/<room>` or `/<tenant>/<room>`. */
  path: string;
  jwt?: string;
  displayName?: string;
  email?: string;
  /** The page's `config.startWithAudioMuted` / `startWithVideoMuted`: the participant joins with these muted. */
  startMuted?: { audio: boolean; video: boolean };
  /**
   * The page's `config.subject` (also from the URL): Jitsi's page sets it as the subject once the conference is
   * joined, if its participant is a moderator, else when they become one (base/conference/middleware.any.ts).
   */
  subject?: string;
}

export type JoinResponse =
  /**
   * Connected: open the event stream with this session. The join sequence arrives over the stream. `resume` says
   * how to come back when the stream breaks (meeting-page/resume-timing.ts).
   */
  | { ok: true; room: string; participantId: string; session: string; resume: ResumeTiming }
  /** Refused before any conference exists (bad token, wrong room…): post these events, then stop. */
  | { ok: false; events: WireEvent[] };

/** A command from the host, forwarded verbatim: `internalName` and the positional arguments. */
export interface CommandRequest {
  name: string;
  args: unknown[];
}

/** Some refusals are only visible through Jitsi's `log` event (when the level is in `apiLogLevels`). */
export interface CommandResponse {
  log?: { level: 'error' | 'warn' | 'info'; args: string[] };
}

export interface RequestRequest {
  /** The `data` object of the transport request (`{name, ...fields}`). */
  data: { name: string; [field: string]: unknown };
}

export interface RequestResponse {
  result: unknown;
}

/** A participant as the meeting page draws it. */
export interface ParticipantView {
  id: string;
  displayName: string;
  avatarURL?: string;
  moderator: boolean;
  local: boolean;
  /** 0 when lowered, the time it was raised (ms) otherwise: Jitsi's `handRaised`. */
  handRaised: number;
  audioMuted: boolean;
  videoMuted: boolean;
  scripted: boolean;
}

export interface ChatLine {
  from: string;
  nick: string;
  message: string;
  privateMessage: boolean;
  stamp: string;
}

export interface SharedVideoView {
  url: string;
  kind: 'youtube' | 'stream';
  by: string;
}

/** Everything the page shows, from the viewpoint of one participant. Sent after every change. */
export interface MeetingView {
  roomName: string;
  subject: string;
  tileView: boolean;
  stageId?: string;
  participants: ParticipantView[];
  chat: ChatLine[];
  sharedVideo?: SharedVideoView;
  knocking: { id: string; name: string }[];
  recording: boolean;
  virtualBackground: boolean;
  /** Where this participant stands: in the meeting, waiting in the lobby, or asked for a password. */
  phase: 'joined' | 'lobby' | 'password';
}

/**
 * The sandbox's own routes (beside Jitsi's `/external_api.js` and the meeting page at `/<room>` or
 * `/<tenant>/<room>`). `room` is the hub's room key (`room` or `tenant/room`), URI-encoded as one segment.
 */
export const SANDBOX_ROUTES = {
  /** GET: the meeting page's script (an ES module). */
  meetingPageScript: '/_sandbox/meeting-page.js',
  /** POST {@link JoinRequest} → {@link JoinResponse}. */
  join: '/_sandbox/join',
  /**
   * GET: the participant's Server-Sent Events stream ({@link STREAM_EVENTS}); every frame has an `id`. `after`:
   * resume after the frame with this id (the last one the page got). `EventSource` sends no headers.
   */
  events: (room: string, participantId: string, session: string, after?: number) =>
    `/_sandbox/rooms/${encodeURIComponent(room)}/events?participant=${encodeURIComponent(participantId)}` +
    `&session=${encodeURIComponent(session)}${after === undefined ? '' : `&after=${after}`}`,
  /** POST {@link CommandRequest} with {@link SESSION_HEADER} → {@link CommandResponse}. */
  command: (room: string) => `/_sandbox/rooms/${encodeURIComponent(room)}/command`,
  /** POST {@link RequestRequest} with {@link SESSION_HEADER} (absent before joining) → {@link RequestResponse}. */
  request: (room: string) => `/_sandbox/rooms/${encodeURIComponent(room)}/request`,
  /** POST `{}` with {@link SESSION_HEADER}: the page unloads and leaves the room → `{}`. */
  leave: (room: string) => `/_sandbox/rooms/${encodeURIComponent(room)}/leave`,
} as const;

/** Server-sent event names on {@link SANDBOX_ROUTES.events}. */
export const STREAM_EVENTS = {
  /** `data` is a {@link WireEvent}: post it to the host. */
  wire: 'wire',
  /** `data` is a {@link MeetingView}: redraw. */
  view: 'view',
  /** The server ended this session on purpose (kick, hangup, end of meeting): not a network loss. */
  end: 'end',
} as const;

/** The header that carries the session secret on page → server posts. */
export const SESSION_HEADER = 'x-sandbox-session';
