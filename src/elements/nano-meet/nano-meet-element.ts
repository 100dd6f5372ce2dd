import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { decodeToken } from '../../token/decode-token.js';
import type { NanoMeetToken } from '../../token/claims.js';
import type { TokenErrorCode } from '../../token/token-error.js';
import { emitEvent } from '../emit-event.js';
import { nanoMeetStyles } from './nano-meet.styles.js';

/** Where a meeting element is in its life. */
export type MeetingState = 'idle' | 'loading' | 'joined' | 'left' | 'error';

/** Stable codes of `nano-meet-error`. */
export type MeetingErrorCode = TokenErrorCode;

export interface MeetingErrorDetail {
  code: MeetingErrorCode;
  message: string;
}

/**
 * A secure, branded Jitsi meeting, configured by a nano-meet token.
 *
 * @summary Embeds a Jitsi meeting named by a signed token.
 * @tagname nano-meet
 *
 * @slot loading - Shown while the meeting loads.
 * @slot error - Shown instead of the built-in message when the meeting cannot open.
 *
 * @csspart status - The box that shows loading and error states.
 * @csspart error - The error message.
 *
 * @cssprop --nano-meet-background - Background behind the meeting.
 * @cssprop --nano-meet-color - Text colour of the element's own messages.
 * @cssprop --nano-meet-error-color - Text colour of error messages.
 * @cssprop --nano-meet-font-family - Font of the element's own messages.
 *
 * @fires nano-meet-error - The meeting cannot open; `detail.code` says why (e.g. `token-expired`).
 */
export class NanoMeetElement extends LitElement {
  static override styles = nanoMeetStyles;

  /** The nano-meet token (a JWT) naming the server, room, role and stream. */
  @property() token = '';

  /** Where the element is: `idle`, `loading`, `joined`, `left` or `error`. Read-only. */
  @property({ reflect: true }) readonly state: MeetingState = 'idle';

  /** Whether the token makes this participant a moderator. Read-only. */
  get moderator(): boolean {
    return this._token?.moderator ?? false;
  }

  @state() private _token?: NanoMeetToken;
  @state() private _error?: MeetingErrorDetail;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token')) this._readToken();
  }

  private _readToken() {
    if (!this.token) {
      this._token = undefined;
      this._error = undefined;
      this._setState('idle');
      return;
    }
    const result = decodeToken(this.token);
    if (result.ok) {
      this._token = result.token;
      this._error = undefined;
      this._setState('idle');
    } else {
      this._token = undefined;
      this._error = { code: result.error.code, message: result.error.message };
      this._setState('error');
      emitEvent(this, 'nano-meet-error', this._error);
    }
  }

  private _setState(next: MeetingState) {
    (this as { state: MeetingState }).state = next;
  }

  protected override render() {
    if (this._error) {
      return html`<div part="status" role="alert">
        <slot name="error">
          <p part="error">${this._error.message}</p>
          <p class="code">${this._error.code}</p>
        </slot>
      </div>`;
    }
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet': NanoMeetElement;
  }
  interface HTMLElementEventMap {
    'nano-meet-error': CustomEvent<MeetingErrorDetail>;
  }
}
