/**
 * Which screen the meeting page shows, worked out from what the server sends. The events for the host
 * also say why a session ends (a kick, the end of the meeting, a refused knock), so they are remembered
 * until the stream's `end` arrives.
 */
import type { MeetingView, WireEvent } from '../protocol/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';

/**
 * Where the page is; the root element's `data-phase`. `connecting` until the server answers; the view's
 * own `joined`/`lobby`/`password`; then `refused` (the join or the knock was refused), `left` (hangup,
 * kick, end of meeting) or `lost` (the connection broke).
 */
export type PagePhase = 'connecting' | 'joined' | 'lobby' | 'password' | 'refused' | 'left' | 'lost';

/** What the screen says when the page is not in the meeting. */
export interface Notice {
  title: string;
  detail?: string;
  /** Jitsi's error name (`connection.passwordRequired`…), when there is one. */
  code?: string;
}

export interface PageState {
  phase: PagePhase;
  view?: MeetingView;
  notice?: Notice;
  /** Where the page goes when the server ends the session, from the events that came before. */
  farewell?: { phase: 'refused' | 'left'; notice: Notice };
}

const FINAL_PHASES: readonly PagePhase[] = ['refused', 'left', 'lost'];

export const INITIAL_STATE: PageState = { phase: 'connecting' };

function errorOf(event: WireEvent): Record<string, unknown> | undefined {
  return event.name === 'error-occurred' && isObject(event['error']) ? event['error'] : undefined;
}

/** A person-readable notice for one of Jitsi's errors. */
export function noticeForError(error: Record<string, unknown>): Notice {
  const code = typeof error['name'] === 'string' ? error['name'] : 'unknown';
  const message = typeof error['message'] === 'string' && error['message'] !== '' ? error['message'] : undefined;
  const params = Array.isArray(error['params']) ? error['params'] : [];
  switch (code) {
    case 'connection.passwordRequired':
      // Jitsi marks it recoverable only without a token: the login path, where a person could still get one.
      return error['recoverable'] === true
        ? { code, title: 'This meeting needs a token.', detail: 'Join with a token from the meeting organiser.' }
        : { code, title: 'The meeting server refused your token.', ...(message && { detail: message }) };
    case 'conference.connectionError.notAllowed':
      return {
        code,
        title: 'Your token does not open this room.',
        ...(typeof params[1] === 'string' && { detail: params[1] }),
      };
    case 'conference.connectionError.accessDenied':
      return { code, title: 'A moderator declined your request to join.' };
    case 'conference.max_users':
      return { code, title: 'This meeting is full.', detail: 'No one else can join it now.' };
    case 'conference.destroyed':
      return { code, title: 'The meeting has ended.', ...(typeof params[0] === 'string' && { detail: params[0] }) };
    case 'connection.droppedError':
    case 'connection.otherError':
      return { code, title: 'Connection lost.', detail: 'The meeting server can no longer be reached.' };
    default:
      return { code, title: 'You cannot join this meeting.', ...(message && { detail: message }) };
  }
}

/** The join was refused before any conference: these are the events the server sent. */
export function refused(events: WireEvent[]): PageState {
  const error = events.map(errorOf).find((candidate) => candidate !== undefined);
  return { phase: 'refused', notice: error ? noticeForError(error) : { title: 'You cannot join this meeting.' } };
}

/** A new view from the server; ignored once the page is out of the meeting. */
export function withView(state: PageState, view: MeetingView): PageState {
  if (FINAL_PHASES.includes(state.phase)) return state;
  return { ...state, phase: view.phase, view };
}

/** Notes what an event for the host says about how the session will end. */
export function afterWireEvent(state: PageState, event: WireEvent): PageState {
  if (event.name === 'participant-kicked-out' && isObject(event['kicked']) && event['kicked']['local'] === true) {
    const kicker =
      isObject(event['kicker']) && typeof event['kicker']['name'] === 'string'
        ? event['kicker']['name']
        : 'a moderator';
    return {
      ...state,
      farewell: {
        phase: 'left',
        notice: { title: 'You were removed from the meeting.', detail: `Removed by ${kicker}.` },
      },
    };
  }
  const error = errorOf(event);
  if (error?.['name'] === 'conference.destroyed')
    return { ...state, farewell: { phase: 'left', notice: noticeForError(error) } };
  if (error?.['name'] === 'conference.connectionError.accessDenied') {
    return { ...state, farewell: { phase: 'refused', notice: noticeForError(error) } };
  }
  return state;
}

/** The server ended the session on purpose. */
export function ended(state: PageState): PageState {
  if (FINAL_PHASES.includes(state.phase)) return state;
  const { phase, notice } = state.farewell ?? { phase: 'left', notice: { title: 'You left the meeting.' } };
  return { phase, notice, ...(state.view && { view: state.view }) };
}

/** The connection broke (or the server could not be reached at all); `code` is the error the host was told. */
export function lost(state: PageState, detail?: string, code = 'connection.droppedError'): PageState {
  if (FINAL_PHASES.includes(state.phase)) return state;
  const notice = noticeForError({ name: code });
  return { phase: 'lost', notice: detail ? { ...notice, detail } : notice, ...(state.view && { view: state.view }) };
}
