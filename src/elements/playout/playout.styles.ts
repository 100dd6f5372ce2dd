import { css } from 'lit';
import type { ElementLook } from '../../branding/branding-chrome.js';
import { brandingStyles } from '../../branding/branding-styles.js';
import { livePulseStyles } from '../live-pulse.styles.js';
import { trustedCssValues } from '../trusted-css-values.js';

/** The colours without a branding; with one, the branding's are kept readable against these (readable-colors.ts). */
export const playoutLook = { background: '#000', color: '#f4f6f8', accent: '#d93025' } satisfies ElementLook;
const look = trustedCssValues(playoutLook);

export const playoutStyles = [
  brandingStyles,
  livePulseStyles,
  css`
  :host {
    display: block;
    position: relative;
    aspect-ratio: 16 / 9;
    overflow: hidden;
    contain: content;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    position: absolute;
    inset: 0;
    /* The colour the text was made readable against (readable-colors.ts): the box's, and the status line's own. */
    --_backdrop: var(--nano-meet-playout-background, var(--_background, ${look.background}));
    background-color: var(--_backdrop);
    --_ring: var(--nano-meet-playout-accent, var(--_focus, var(--_accent, ${look.accent})));
    color: var(--nano-meet-playout-color, var(--_color, ${look.color}));
    font-family: var(--nano-meet-playout-font-family, var(--_font-family, system-ui, sans-serif));
  }
  /*
   * Focus lands on the player itself once the Play button is gone: its ring is drawn inside (the host clips
   * outside), above the screens, in the accent on a band of the background it was checked against, not on the frame.
   */
  .base:focus-visible {
    outline: none;
  }
  .base:focus-visible::after {
    content: '';
    position: absolute;
    inset: 0;
    box-shadow:
      inset 0 0 0 3px var(--_ring),
      inset 0 0 0 5px var(--_backdrop);
    pointer-events: none;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    background: inherit;
  }
  .screen {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    padding: 1.5rem;
    text-align: center;
    background-color: inherit;
    background-image: var(--_background-image, none);
    background-size: cover;
    background-position: center;
    pointer-events: none;
  }
  /*
   * Text never lies on a picture (the last frame while reconnecting, a poster, the branding's background image),
   * whose brightness no one can know: it has the background its colour was checked against under it.
   */
  .screen p {
    margin: 0.25rem;
    padding: 0.2em 0.6em;
    border-radius: 0.3em;
    background-color: var(--_backdrop);
  }
  .screen p:empty {
    display: none;
  }
  /* Dims the last frame while reconnecting; out of sight (but still announced) while playing. */
  .screen.stalled {
    background: rgb(0 0 0 / 0.5);
  }
  .screen.playing {
    clip-path: inset(50%);
  }
  /* Before play, a poster shows through around the play button. */
  .screen.idle.poster {
    background: none;
  }
  .play {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.5rem;
    padding: 0.6em 1.4em;
    border: 0;
    border-radius: 999px;
    background: var(--nano-meet-playout-accent, var(--_accent, ${look.accent}));
    color: var(--_on-accent, #fff);
    font: inherit;
    font-size: 1.1rem;
    font-weight: 600;
    cursor: pointer;
    pointer-events: auto;
  }
  .play svg {
    width: 1em;
    height: 1em;
    fill: currentColor;
  }
  [part='logo'] {
    position: absolute;
    top: 0.75rem;
    right: 0.75rem;
  }
  [part='logo'] img {
    display: block;
    max-height: 40px;
    max-width: 160px;
  }
  [part='badge'] {
    position: absolute;
    top: 0.75rem;
    left: 0.75rem;
    padding: 0.15em 0.6em;
    border-radius: 0.3em;
    background: var(--nano-meet-playout-accent, var(--_accent, ${look.accent}));
    color: var(--_on-accent, #fff);
    font-size: 0.8rem;
    font-weight: 600;
    text-transform: uppercase;
    pointer-events: none;
  }
`,
];
