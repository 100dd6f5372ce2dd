/**
 * Every sentence nano-meet shows a person, in English: the fallback for every other language, per key, and so
 * always in the bundle. Keys name the place (`meeting.`, `playout.`, `button.`, `broadcast.`, `api.`); `{name}`
 * marks a placeholder that every translation must keep (test/i18n/catalogues.node.test.ts checks it). Dates and
 * numbers in placeholders are formatted with Intl in the language of the sentence.
 */
export const en = {
  // <nano-meet>: the screens over the meeting and its status line.
  'meeting.joining': 'Joining the meeting…',
  'meeting.opens-at': 'This meeting opens at {time}.',
  'meeting.opens-at-status': 'The meeting opens at {time}.',
  'meeting.lobby': 'Waiting for a moderator to let you in…',
  'meeting.lobby-status': 'Waiting for a moderator to let you in.',
  'meeting.password-ask': 'This meeting is locked. Password:',
  'meeting.password-wrong': 'That password is not right. Try again:',
  'meeting.password-status': 'The meeting asks for a password.',
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
  'failure.load-timeout':
    'The meeting server {server} did not answer within {seconds} s; it may be down. Try again in a moment.',
  'failure.join-timeout': 'The meeting on {server} loaded but did not start within {seconds} s. Try again in a moment.',
  'failure.script-undefined': '{url} loaded but did not define JitsiMeetExternalAPI.',
  'failure.script-timeout': '{url} did not load within {seconds} s.',
  'failure.script-failed': '{url} could not be loaded. Is the meeting server reachable?',
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
  // <nano-meet-broadcast-button>
  'button.go-live': 'Go live',
  'button.starting': 'Starting…',
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
  // The classic NanoMeet API's own refusals.
  'api.element-not-found': 'No element has the id {id}.',
  'api.not-initialized': 'Call init() first.',
  'api.token-service-missing':
    'No token service is configured: add <meta name="nano-meet-token-service" content="https://…"> to the page.',
  'api.token-service-unreachable': 'The token service at {url} could not be reached.',
  'api.token-service-status': 'The token service answered {status}.',
  'api.meeting-failed': 'The meeting could not open.',
  // <nano-meet>: the meeting iframe's accessible name, and actions asked of a meeting that is not there.
  'meeting.frame-title': 'Meeting {room}',
  'meeting.join-first': 'Join the meeting first.',
  'meeting.closed': 'The meeting was closed.',
  'playout.player': 'Broadcast player',
} as const;

/** The name of every message. */
export type MessageKey = keyof typeof en;

/** A whole catalogue: a shipped language must say everything (a missing key does not compile). */
export type Messages = { readonly [Key in MessageKey]: string };
