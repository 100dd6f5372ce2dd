/**
 * The English sentences only the elements say (the rest of messages-en.ts, which is all the CDN entries carry).
 * Element code adds them to the catalogue by importing english-for-elements.ts; on a CDN page they arrive with
 * the element files, after the meeting's iframe is up. The same rules as in messages-en.ts.
 */
export const enElements = {
  // <nano-meet>: the screens over the meeting and its status line.
  'meeting.joining': 'Joining the meeting…',
  'meeting.opens-at': 'This meeting opens at {time}.',
  'meeting.opens-at-status': 'The meeting opens at {time}.',
  'meeting.lobby': 'Waiting for a moderator to let you in…',
  'meeting.lobby-status': 'Waiting for a moderator to let you in.',
  'meeting.password-ask': 'This meeting is locked. Password:',
  'meeting.password-wrong': 'That password is not right. Try again:',
  'meeting.password-status': 'The meeting asks for a password.',
  'meeting.password-wrong-status': 'That password is not right.',
  'meeting.join': 'Join',
  'meeting.try-again': 'Try again',
  'meeting.rejoin': 'Rejoin',
  'meeting.joined': 'In the meeting.',
  'meeting.left': 'You left the meeting.',
  'meeting.kicked': 'You were removed from the meeting.',
  'meeting.kicked-by': '{name} removed you from the meeting.',
  'meeting.ended': 'The meeting has ended.',
  'meeting.token-ended': 'The token has expired.',
  // <nano-meet>: why the meeting failed (nano-meet-error's message and the error screen).
  'failure.with-detail': '{message} ({detail})',
  'failure.token-refused': 'The meeting server did not accept the token. Ask for a new one.',
  'failure.room-refused': 'The token is not valid for this meeting room.',
  'failure.lobby-denied': 'A moderator did not let you in.',
  'failure.connection-lost': 'The connection to the meeting was lost.',
  'failure.media-failed': 'Audio and video could not be set up with the meeting server.',
  'failure.meeting-failed': 'The meeting failed.',
  'failure.token-unreadable': 'The token of this meeting is not valid. Ask for a new one.',
  'failure.token-expired-at': 'The token expired at {time}. Ask for a new one.',
  'failure.token-expired': 'The token has expired, so the meeting was closed. Ask for a new token.',
  // Why a page refuses a meeting server (src/meeting/server-refusal.ts).
  'failure.list-it': 'list it in the allowed-servers attribute or in <meta name="nano-meet-allowed-servers">',
  'failure.server-not-listed':
    'The meeting on {server} was not opened: loader="external" runs that server\'s own script in this page, ' +
    'which the page allows only for a server it lists ({listIt}).',
  'failure.server-not-moved': 'The meeting was not moved to {server}: this page lists no servers ({listIt}).',
  'failure.server-not-allowed':
    'This meeting is on {server}, a server this page does not allow, so the meeting was not opened. ' +
    'If {server} is yours, {listIt}.',
  'failure.override-not-allowed':
    'The server attribute names {server}, a server this page does not allow, so the meeting was not opened. ' +
    'If {server} is yours, {listIt}.',
  'failure.server-invalid': 'The server attribute must be a host with an optional port, not {server}.',
  'failure.allowed-servers-invalid':
    'allowed-servers must be text or an array of texts, not {list}: no server is allowed.',
  'failure.load-timeout':
    'The meeting server {server} did not answer within {seconds} s; it may be down. Try again in a moment.',
  'failure.join-timeout': 'The meeting on {server} loaded but did not start within {seconds} s. Try again in a moment.',
  // Moderators' actions, refused to a guest ("{action} needs a moderator").
  'action.not-moderator': '{action} needs a moderator; this participant is a guest.',
  'action.broadcast': 'Broadcasting',
  'action.stop-broadcast': 'Stopping the broadcast',
  'action.follow-me': 'Presenter mode',
  'action.lobby': 'The lobby',
  'action.answer-knock': 'Answering a knock',
  'action.password': 'Locking the meeting',
  'action.kick': 'Removing a participant',
  'action.grant-moderator': 'Granting the moderator role',
  'action.mute-everyone': 'Muting everyone',
  'action.subject': 'Setting the subject',
  // The meeting's broadcast (nano-meet-broadcast-error's message, which the broadcast button shows).
  'broadcast.forbidden':
    'The meeting server refused the broadcast: this token may not stream (no livestreaming feature).',
  'broadcast.unavailable': 'No broadcasting service is available on the meeting server right now.',
  'broadcast.busy': 'The broadcasting service is busy; try again in a moment.',
  'broadcast.running': 'A broadcast of this meeting is already running.',
  'broadcast.refused': 'The broadcast could not start ({reason}).',
  'broadcast.no-reason': 'no reason given',
  'broadcast.failed':
    'The broadcast failed while live ({reason}); viewers no longer receive it. Start it again to go back on air.',
  'broadcast.timeout': 'The meeting did not confirm the broadcast within {seconds} s.',
  'broadcast.cancelled': 'The broadcast was stopped before it went on air.',
  // <nano-meet-broadcast-button>
  'button.go-live': 'Go live',
  'button.starting': 'Starting…',
  'button.cancel': 'Cancel going live',
  'button.stop': 'Stop broadcast',
  'button.stopping': 'Stopping…',
  'button.badge': 'LIVE',
  'button.idle-status': 'Not broadcasting.',
  'button.starting-status': 'The broadcast is starting.',
  'button.live-status': 'Live: the meeting is being broadcast.',
  'button.stopping-status': 'The broadcast is stopping.',
  'button.ended-status': 'The broadcast has ended.',
  'button.error-status': 'The broadcast failed.',
  'button.no-meeting': 'No meeting to broadcast.',
  'button.not-joined': 'Join the meeting to broadcast.',
  'button.not-moderator': 'Only moderators can broadcast.',
  // <nano-meet-playout>
  'playout.play': 'Play',
  'playout.badge-live': 'Live',
  'playout.badge-recording': 'Recording',
  'playout.connecting': 'Connecting to the broadcast…',
  'playout.loading-recording': 'Loading the recording…',
  'playout.waiting': 'Waiting for the broadcast to start…',
  'playout.live': 'Live.',
  'playout.playing-recording': 'Playing the recording.',
  'playout.stalled': 'Reconnecting…',
  'playout.ended': 'The broadcast has ended.',
  'playout.recording-ended': 'The recording has ended.',
  'playout.ended-with-recording': 'The broadcast has ended. Its recording can be played.',
  'playout.not-started': 'The broadcast has not started yet.',
  'playout.is-live': 'The broadcast is live.',
  'playout.unplayable-now': 'The broadcast cannot be played right now.',
  'playout.cannot-play': 'The broadcast cannot be played.',
  'playout.unreachable': 'The broadcast cannot be reached.',
  'playout.nothing': 'There is no broadcast to show here.',
  'playout.load-failed': 'The player could not be loaded.',
  'playout.retrying': '{sentence} Retrying…',
  // <nano-meet>: actions asked of a meeting that is not there, and the player's accessible name.
  'meeting.join-first': 'Join the meeting first.',
  'meeting.closed': 'The meeting was closed.',
  'playout.player': 'Broadcast player',
} as const;
