/**
 * Reads Jitsi's `errorOccurred` payload (see docs/jitsi/failures.md §1–2) into what the meeting element must
 * do: show an error with a stable code, wait (lobby, password), or end the meeting.
 */
export interface JitsiErrorPayload {
  error?: {
    name?: string;
    message?: string;
    type?: 'CONFIG' | 'CONNECTION' | 'CONFERENCE';
    isFatal?: boolean;
    params?: unknown[];
    recoverable?: boolean;
  };
}

/** Stable codes for meetings that Jitsi refused or lost. */
export type JitsiFailureCode =
  /** The server did not accept the token (signature, issuer or window). */
  | 'token-refused'
  /** The token is valid, but not for this room. */
  | 'room-refused'
  /** A moderator turned this guest away from the lobby. */
  | 'lobby-denied'
  /** The connection to the meeting server was lost and could not be recovered. */
  | 'connection-lost'
  /** Audio/video could not be set up with the server (ICE, bridge). */
  | 'media-failed'
  /** Any other error Jitsi reports as fatal. */
  | 'meeting-failed';

export type JitsiErrorOutcome =
  | { kind: 'failed'; code: JitsiFailureCode; jitsiName: string; detail?: string }
  /** The room is locked: the user must give the password (Jitsi sends `passwordRequired` next). */
  | { kind: 'password-required' }
  /** Members-only room: the user waits in the lobby until a moderator answers. */
  | { kind: 'lobby' }
  /** A moderator ended the meeting for everyone. */
  | { kind: 'ended' }
  /** Recoverable and not ours to act on (e.g. a chat error): reported, nothing else. */
  | { kind: 'ignored'; jitsiName: string };

const MEDIA_FAILURES = new Set([
  'conference.iceFailed',
  'conference.videobridgeNotAvailable',
  'conference.focusLeft',
  'conference.focusDisconnected',
  'conference.offerAnswerFailed',
]);
const CONNECTION_FAILURES = new Set(['connection.droppedError', 'connection.serverError', 'connection.otherError']);

export function classifyJitsiError(payload: JitsiErrorPayload): JitsiErrorOutcome {
  const name = payload.error?.name ?? 'unknown';
  const detail =
    payload.error?.message ?? (typeof payload.error?.params?.[1] === 'string' ? payload.error.params[1] : undefined);
  const failed = (code: JitsiFailureCode): JitsiErrorOutcome => ({
    kind: 'failed',
    code,
    jitsiName: name,
    ...(detail && { detail }),
  });
  switch (name) {
    case 'connection.passwordRequired':
      // With a JWT in the URL this is Prosody refusing the token at login (docs/jitsi/failures.md S1).
      return failed('token-refused');
    case 'conference.connectionError.notAllowed':
      return failed('room-refused');
    case 'conference.connectionError.accessDenied':
      return failed('lobby-denied');
    case 'conference.connectionError.membersOnly':
      return { kind: 'lobby' };
    case 'conference.passwordRequired':
      return { kind: 'password-required' };
    case 'conference.destroyed':
      return { kind: 'ended' };
    case 'conference.max_users':
      // Not fatal to Jitsi, but final: the page shows "maxUsersLimitReached" and never joins (its conference
      // middleware leaves), so waiting for the join would only end in a load timeout.
      return failed('meeting-failed');
  }
  if (CONNECTION_FAILURES.has(name)) return failed('connection-lost');
  if (MEDIA_FAILURES.has(name)) return failed('media-failed');
  return payload.error?.isFatal ? failed('meeting-failed') : { kind: 'ignored', jitsiName: name };
}
