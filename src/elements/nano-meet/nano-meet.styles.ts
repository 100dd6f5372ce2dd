import { css } from 'lit';
import type { ElementLook } from '../../branding/branding-chrome.js';
import { brandingStyles } from '../../branding/branding-styles.js';
import { trustedCssValues } from '../trusted-css-values.js';
import { visuallyHiddenStyles } from '../visually-hidden.styles.js';

/** The colours without a branding; with one, the branding's are kept readable against these (readable-colors.ts). */
export const nanoMeetLook = {
  background: '#101418',
  color: '#f4f6f8',
  accent: '#2f6fed',
  error: '#ffb4a9',
} satisfies ElementLook;
const look = trustedCssValues(nanoMeetLook);

// Page CSS (the custom properties) wins over the branding file (the `--_` values set on the base), which
// wins over the defaults here.
export const nanoMeetStyles = [
  brandingStyles,
  visuallyHiddenStyles,
  css`
  :host {
    display: block;
    position: relative;
    min-height: 240px;
    overflow: hidden;
    contain: content;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    position: absolute;
    inset: 0;
    /* The colour the text was made readable against (readable-colors.ts): the box's, and the text's own. */
    --_backdrop: var(--nano-meet-background, var(--_background, ${look.background}));
    background-color: var(--_backdrop);
    --_ring: var(--nano-meet-accent, var(--_focus, var(--_accent, ${look.accent})));
    background-image: var(--_background-image, none);
    background-size: cover;
    background-position: center;
    color: var(--nano-meet-color, var(--_color, ${look.color}));
    font-family: var(--nano-meet-font-family, var(--_font-family, system-ui, sans-serif));
  }
  .meeting,
  .meeting iframe {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
  }
  .status {
    position: absolute;
    /* Over an iframe put up before the element's code arrived, which sits after .base (src/meeting/early-frame.ts). */
    z-index: 1;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
    background: inherit;
  }
  .status p {
    margin: 0;
  }
  /*
   * Text never lies on the branding's background image, whose brightness no one can know: the screens' words, and
   * what a page puts in their slots, have the background their colour was checked against under them.
   */
  .status p,
  .status label,
  slot[name]::slotted(*) {
    padding: 0.2em 0.6em;
    border-radius: 0.3em;
    background-color: var(--_backdrop);
  }
  [part='error'] {
    color: var(--nano-meet-error-color, var(--_error-color, ${look.error}));
  }
  .logo img {
    max-height: 48px;
    max-width: 200px;
  }
  /* Over the meeting: small, in the top-left corner, where Jitsi puts its own watermark (docs/jitsi/branding.md
     §3), never near its toolbar at the bottom. The box shrinks to the image, so only the logo takes the pointer. */
  .meeting-logo {
    position: absolute;
    top: 12px;
    left: 12px;
    z-index: 1;
    display: block;
    line-height: 0;
  }
  /* What the page puts inside the element (a broadcast button): over the meeting and its screens, in the top-right
     corner, opposite the logo and away from Jitsi's toolbar at the bottom. Empty, the box has no size and takes no
     pointer. Pages move it with ::part(controls). */
  .controls {
    position: absolute;
    top: 12px;
    right: 12px;
    z-index: 2;
    display: flex;
    gap: 0.5rem;
  }
  .meeting-logo img {
    max-height: 40px;
    max-width: 140px;
  }
  .meeting-logo:focus-visible {
    outline: 2px solid var(--_ring);
    outline-offset: 2px;
  }
  button,
  input {
    font: inherit;
  }
  button {
    padding: 0.45em 1.1em;
    border: 0;
    border-radius: 0.4em;
    background: var(--nano-meet-accent, var(--_accent, ${look.accent}));
    color: var(--_on-accent, #fff);
    cursor: pointer;
  }
  .password {
    display: grid;
    gap: 0.5rem;
  }
  input {
    padding: 0.4em 0.6em;
    border-radius: 0.3em;
    border: 1px solid #8894a8;
  }
  .spinner {
    width: 2rem;
    height: 2rem;
    border: 3px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
`,
];
