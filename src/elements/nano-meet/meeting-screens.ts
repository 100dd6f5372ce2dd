/**
 * The screens `<nano-meet>` shows over (or instead of) the meeting, and what its live status line says: the
 * words a person reads while the meeting loads, waits, asks for a password, fails or is over (catalogue sentences,
 * src/i18n, said in the element's language). Pure functions of the screen; the element's `render()` places them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { text, type MessageKey, type Text } from '../../i18n/catalogue.js';
import type { MeetingErrorCode } from '../../meeting/meeting-error.js';
import type { LeftReason, MeetingScreen } from './meeting-state.js';
import type { MeetingState } from './nano-meet-events.js';

/** What a failure the meeting reports (src/meeting/classify-jitsi-error.ts) means for the person in it. */
export const FAILURE_MESSAGES: Record<string, MessageKey> = {
  'token-refused': 'failure.token-refused',
  'room-refused': 'failure.room-refused',
  'lobby-denied': 'failure.lobby-denied',
  'connection-lost': 'failure.connection-lost',
  'media-failed': 'failure.media-failed',
  'meeting-failed': 'failure.meeting-failed',
};

/** Failures that trying again may cure: the server was out of reach or lost. */
const RETRYABLE: ReadonlySet<string> = new Set<MeetingErrorCode>([
  'load-timeout',
  'script-load-failed',
  'connection-lost',
]);

const ENDED_MESSAGES: Record<LeftReason, (by?: string) => Text> = {
  hangup: () => text('meeting.left'),
  kicked: (by) => (by ? text('meeting.kicked-by', { name: by }) : text('meeting.kicked')),
  ended: () => text('meeting.ended'),
  expired: () => text('meeting.token-ended'),
};

/** Says a sentence in the element's language. */
export type Say = (said: Text | string) => string;

/** What the screens' buttons and form do, the branding's logo they show, and the language they speak. */
export interface ScreenActions {
  logo: TemplateResult | typeof nothing;
  say: Say;
  rejoin(): void;
  submitPassword(password: string): void;
}

/** The screen over the meeting, or nothing while the meeting itself is what the person sees. */
export function meetingScreen(screen: MeetingScreen, actions: ScreenActions): TemplateResult | typeof nothing {
  const { logo, say } = actions;
  switch (screen.kind) {
    case 'none':
      return nothing;
    case 'loading':
      return html`<div part="status" class="status">
        ${logo}
        <slot name="loading"><div class="spinner" aria-hidden="true"></div><p>${say(text('meeting.joining'))}</p></slot>
      </div>`;
    case 'waiting':
      return html`<div part="status" class="status">
        ${logo}
        <p>${say(text('meeting.opens-at', { time: screen.opensAt }))}</p>
      </div>`;
    case 'lobby':
      return html`<div part="status" class="status">${logo}<p>${say(text('meeting.lobby'))}</p></div>`;
    case 'password': {
      const question = say(text(screen.wrong ? 'meeting.password-wrong' : 'meeting.password-ask'));
      return html`<div part="status" class="status">
        ${logo}
        <form class="password" @submit=${(event: SubmitEvent) => onPasswordSubmit(event, actions)}>
          <label for="password">${question}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="off"
            required
            aria-invalid=${screen.wrong ? 'true' : 'false'}
          />
          <button part="button" type="submit">${say(text('meeting.join'))}</button>
        </form>
      </div>`;
    }
    // The message (else, where the page slotted its own, the screen) takes focus programmatically
    // (tabindex="-1") when there is no button to hand it to: screen-focus.ts.
    case 'error':
      // Not an alert: the status line announces the message once, politely, like every other change.
      return html`<div part="status" class="status error" tabindex="-1">
        ${logo}
        <slot name="error"
          ><p part="error" class="message" tabindex="-1">${say(screen.message)}</p>
          <p class="code">${screen.code}</p></slot
        >
        ${
          RETRYABLE.has(screen.code)
            ? html`<button part="button" type="button" @click=${() => actions.rejoin()}>${say(text('meeting.try-again'))}</button>`
            : nothing
        }
      </div>`;
    case 'ended':
      return html`<div part="status" class="status" tabindex="-1">
        ${logo}
        <slot name="ended"><p class="message" tabindex="-1">${say(ENDED_MESSAGES[screen.reason](screen.by))}</p></slot>
        ${
          screen.reason === 'hangup'
            ? html`<button part="button" type="button" @click=${() => actions.rejoin()}>${say(text('meeting.rejoin'))}</button>`
            : nothing
        }
      </div>`;
  }
}

/** What the live status line tells a screen reader. */
export function statusText(screen: MeetingScreen, state: MeetingState, say: Say): string {
  switch (screen.kind) {
    case 'loading':
      return say(text('meeting.joining'));
    case 'waiting':
      return say(text('meeting.opens-at-status', { time: screen.opensAt }));
    case 'lobby':
      return say(text('meeting.lobby-status'));
    case 'password':
      // A wrong password changes only the field's label, which a screen reader does not read out while in the field.
      return say(text(screen.wrong ? 'meeting.password-wrong-status' : 'meeting.password-status'));
    case 'error':
      return say(screen.message);
    case 'ended':
      return say(ENDED_MESSAGES[screen.reason](screen.by));
    default:
      return state === 'joined' ? say(text('meeting.joined')) : '';
  }
}

function onPasswordSubmit(event: SubmitEvent, actions: ScreenActions) {
  event.preventDefault();
  const input = (event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement;
  actions.submitPassword(input.value);
}
