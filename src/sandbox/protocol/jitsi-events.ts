/**
 * Builders for the events a real Jitsi page sends, with the payloads of docs/jitsi/failures.md. Keeping them in
 * one place keeps the sequences (S1–S8) identical wherever the hub produces them.
 */
import type { WireEvent } from './page-protocol.js';

export function wire(name: string, payload: Record<string, unknown> = {}): WireEvent {
  return { name, ...payload };
}

export function notification(title: string | undefined, description?: string): WireEvent {
  // A missing key is absent on the wire (JSON drops `undefined`), so leave it out rather than null.
  return wire('notification-triggered', {
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
  });
}

/** A CONNECTION error (`{name, message, credentials, details?, type, isFatal}`). */
export function connectionError(
  name: string,
  message: string,
  isFatal: boolean,
  extra: Record<string, unknown> = {},
): WireEvent {
  return wire('error-occurred', { error: { name, message, credentials: {}, ...extra, type: 'CONNECTION', isFatal } });
}

/** A CONFERENCE error: it has `params` and no `message`; `recoverable` only when true. */
export function conferenceError(
  name: string,
  params: unknown[],
  options: { recoverable?: boolean; isFatal?: boolean } = {},
): WireEvent {
  return wire('error-occurred', {
    error: {
      name,
      params,
      ...(options.recoverable && { recoverable: true }),
      type: 'CONFERENCE',
      isFatal: options.isFatal ?? false,
    },
  });
}

/**
 * S1: Prosody refused the token at SASL auth. `saslText` is Prosody's own reason, verbatim.
 * `clientSeesReasons`: the page's own JWT check (expired, not yet valid) found something to list.
 */
export function tokenRefusedAtConnect(saslText: string, clientSeesReasons: boolean): WireEvent[] {
  return [
    notification(
      'dialog.tokenAuthFailedTitle',
      clientSeesReasons ? 'dialog.tokenAuthFailedWithReasons' : 'dialog.tokenAuthFailed',
    ),
    connectionError('connection.passwordRequired', saslText, false),
  ];
}

/** A token-auth deployment reached without a JWT: the login path (no toast, recoverable). */
export function tokenMissingAtConnect(): WireEvent[] {
  // Prosody's token util refuses a login without a token in these words (`allow_empty_token` is off by default).
  return [connectionError('connection.passwordRequired', 'token required', false, { recoverable: true })];
}

/** S2: a valid token for another room (or domain); the MUC join is refused. */
export function roomRefused(text: string): WireEvent[] {
  return [
    conferenceError('conference.connectionError.notAllowed', ['general', text]),
    notification('dialog.tokenAuthFailed'),
  ];
}

/** S3: the room is locked. */
export function passwordRequired(): WireEvent[] {
  return [conferenceError('conference.passwordRequired', [], { recoverable: true }), wire('password-required')];
}

/**
 * A full conference (Prosody's muc_max_occupants answers the join with service-unavailable): lib-jitsi-meet fails
 * the conference with `conference.max_users`, not fatal, and Jitsi's conference middleware then shows its toast and
 * leaves; the page never joins.
 */
export function conferenceFull(): WireEvent[] {
  return [
    conferenceError('conference.max_users', []),
    notification('dialog.maxUsersLimitReachedTitle', 'dialog.maxUsersLimitReached'),
  ];
}

/** S4: the room is members-only; the guest waits in the lobby. */
export function membersOnly(lobbyRoomJid: string): WireEvent[] {
  return [conferenceError('conference.connectionError.membersOnly', [lobbyRoomJid, false], { recoverable: true })];
}

/** S4: a moderator said no. */
export function lobbyRejected(): WireEvent[] {
  return [
    notification('lobby.joinRejectedTitle', 'lobby.joinRejectedMessage'),
    conferenceError('conference.connectionError.accessDenied', []),
  ];
}

/** S5/hangup: leaving the conference ends with these two. */
export function leftConference(roomName: string): WireEvent[] {
  return [wire('video-conference-left', { roomName }), wire('video-ready-to-close')];
}

/**
 * S8: the connection broke and could not be resumed (sent by the page itself, which names the error by what its
 * tries met: meeting-page/resumable-stream.ts). lib-jitsi-meet passes no credentials, so none are on the wire.
 */
export function connectionDropped(error: { name: string; message: string; details: object }): WireEvent {
  return wire('error-occurred', { error: { ...error, type: 'CONNECTION', isFatal: true } });
}

/** Streaming refusal toasts by XMPP error tag (docs/jitsi/failures.md §S6). */
export function streamingRefused(errorTag: string): WireEvent[] {
  const keys: Record<string, [string, string]> = {
    'service-unavailable': ['liveStreaming.unavailableTitle', 'recording.unavailable'],
    'resource-constraint': ['liveStreaming.busyTitle', 'liveStreaming.busy'],
    'unexpected-request': ['liveStreaming.inProgress', 'liveStreaming.sessionAlreadyActive'],
    'policy-violation': ['liveStreaming.failedToStart', 'liveStreaming.policyError'],
  };
  const [title, description] = keys[errorTag] ?? ['liveStreaming.failedToStart', 'liveStreaming.error'];
  return [
    notification(title, description),
    wire('recording-status-changed', { on: false, mode: 'stream', error: errorTag, transcription: false }),
  ];
}
