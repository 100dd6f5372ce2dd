import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';

/** Where a broadcast is, as Jitsi's recording status events report it. */
export type BroadcastState = 'idle' | 'starting' | 'live' | 'stopping' | 'error';

/**
 * Starts and stops the live broadcast of a meeting (moderators only).
 *
 * Not yet connected to a meeting: until then the button stays disabled.
 *
 * @summary Puts a meeting on air.
 * @tagname nano-meet-broadcast-button
 *
 * @csspart button - The button.
 *
 * @cssprop --nano-meet-accent - Background of the button.
 */
export class NanoMeetBroadcastButtonElement extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    button {
      font: inherit;
      padding: 0.5em 1em;
      border: 0;
      border-radius: 0.4em;
      background: var(--nano-meet-accent, #d92d20);
      color: #fff;
    }
    button:disabled {
      opacity: 0.5;
    }
  `;

  /** The id of the `<nano-meet>` this button controls, when it is not inside it. */
  @property({ attribute: 'for' }) htmlFor = '';

  /** Keep a VOD recording of the broadcast. */
  @property({ type: Boolean }) record = false;

  /** The broadcast's state. Read-only. */
  @property({ reflect: true }) readonly state: BroadcastState = 'idle';

  protected override render() {
    return html`<button part="button" type="button" disabled>Go live</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-broadcast-button': NanoMeetBroadcastButtonElement;
  }
}
