/**
 * The screens `<nano-meet>` shows over (or instead of) the meeting, and what its live status line says: the
 * words a person reads while the meeting loads, waits, asks for a password, fails or is over. Pure functions of the
 * screen; the element's `render()` places them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MeetingErrorCode } from '../../meeting/meeting-error.js';
import type { LeftReason, MeetingScreen } from './meeting-state.js';
import type { MeetingState } from './nano-meet-events.js';

/** What a failure the meeting reports (src/meeting/classify-jitsi-error.ts) means for the person in it. */
export const FAILURE_MESSAGES: Record<string, string> = {
  'token-refused': 'The meeting server did not accept the token. Ask for a new one.',
  'room-refused': 'The token is not valid for this meeting room.',
  'lobby-denied': 'A moderator did not let you in.',
  'connection-lost': 'The connection to the meeting was lost.',
  'media-failed': 'Audio and video could not be set up with the meeting server.',
  'meeting-failed': 'The meeting failed.',
};

/** Failures that trying again may cure: the server was out of reach or lost. */
const RETRYABLE: ReadonlySet<string> = new Set<MeetingErrorCode>([
  'load-timeout',
  'script-load-failed',
  'connection-lost',
]);

const ENDED_MESSAGES: Record<LeftReason, (by?: string) => string> = {
  hangup: () => 'You left the meeting.',
  kicked: (by) => (by ? `${by} removed you from the meeting.` : 'You were removed from the meeting.'),
  ended: () => 'The meeting has ended.',
  expired: () => 'The token has expired.',
};

/** What the screens' buttons and form do, and the branding's logo they show. */
export interface ScreenActions {
  logo: TemplateResult | typeof nothing;
  rejoin(): void;
  submitPassword(password: string): void;
}

/** The screen over the meeting, or nothing while the meeting itself is what the person sees. */
export function meetingScreen(screen: MeetingScreen, actions: ScreenActions): TemplateResult | typeof nothing {
  const { logo } = actions;
  switch (screen.kind) {
    case 'none':
      return nothing;
    case 'loading':
      return html`<div part="status" class="status">
        ${logo}
        <slot name="loading"><div class="spinner" aria-hidden="true"></div><p>Joining the meeting…</p></slot>
      </div>`;
    case 'waiting':
      return html`<div part="status" class="status">
        ${logo}
        <p>This meeting opens at ${screen.opensAt.toLocaleString()}.</p>
      </div>`;
    case 'lobby':
      return html`<div part="status" class="status">${logo}<p>Waiting for a moderator to let you in…</p></div>`;
    case 'password': {
      const question = screen.wrong ? 'That password is not right. Try again:' : 'This meeting is locked. Password:';
      return html`<div part="status" class="status">
        ${logo}
        <form class="password" @submit=${(event: SubmitEvent) => onPasswordSubmit(event, actions)}>
          <label for="password">${question}</label>
          <input id="password" name="password" type="password" autocomplete="off" required />
          <button part="button" type="submit">Join</button>
        </form>
      </div>`;
    }
    case 'error':
      // Not an alert: the status line announces the message once, politely, like every other change.
      return html`<div part="status" class="status error">
        ${logo}
        <slot name="error"><p part="error">${screen.message}</p><p class="code">${screen.code}</p></slot>
        ${
          RETRYABLE.has(screen.code)
            ? html`<button part="button" type="button" @click=${() => actions.rejoin()}>Try again</button>`
            : nothing
        }
      </div>`;
    case 'ended':
      return html`<div part="status" class="status">
        ${logo}
        <slot name="ended"><p>${ENDED_MESSAGES[screen.reason](screen.by)}</p></slot>
        ${
          screen.reason === 'hangup'
            ? html`<button part="button" type="button" @click=${() => actions.rejoin()}>Rejoin</button>`
            : nothing
        }
      </div>`;
  }
}

/** What the live status line tells a screen reader. */
export function statusText(screen: MeetingScreen, state: MeetingState): string {
  switch (screen.kind) {
    case 'loading':
      return 'Joining the meeting…';
    case 'waiting':
      return `The meeting opens at ${screen.opensAt.toLocaleString()}.`;
    case 'lobby':
      return 'Waiting for a moderator to let you in.';
    case 'password':
      return 'The meeting asks for a password.';
    case 'error':
      return screen.message;
    case 'ended':
      return ENDED_MESSAGES[screen.reason](screen.by);
    default:
      return state === 'joined' ? 'In the meeting.' : '';
  }
}

function onPasswordSubmit(event: SubmitEvent, actions: ScreenActions) {
  event.preventDefault();
  const input = (event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement;
  actions.submitPassword(input.value);
}
