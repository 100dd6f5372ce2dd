import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';

/**
 * Plays a meeting's broadcast for viewers outside the meeting.
 *
 * This first version plays what the browser plays by itself (a media URL); WHEP and HLS come next.
 *
 * @summary Plays a nano-meet broadcast.
 * @tagname nano-meet-playout
 *
 * @csspart video - The video element.
 *
 * @cssprop --nano-meet-playout-background - Background behind the video.
 */
export class NanoMeetPlayoutElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      background: var(--nano-meet-playout-background, #000);
    }
    video {
      display: block;
      width: 100%;
      height: 100%;
    }
  `;

  /** The stream's address. */
  @property() src = '';

  /** Start playing as soon as possible (browsers allow it only when `muted`). */
  @property({ type: Boolean }) autoplay = false;

  /** Play without sound. */
  @property({ type: Boolean }) muted = false;

  /** Show the browser's playback controls. */
  @property({ type: Boolean }) controls = false;

  /** An image to show before playback starts. */
  @property() poster = '';

  protected override render() {
    return html`<video
      part="video"
      playsinline
      src=${ifDefined(this.src || undefined)}
      poster=${ifDefined(this.poster || undefined)}
      ?autoplay=${this.autoplay}
      .muted=${this.muted}
      ?controls=${this.controls}
    ></video>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-playout': NanoMeetPlayoutElement;
  }
}
