import { css } from 'lit';

/**
 * The chrome every nano-meet element shares: the focus ring in the branding's accent (`--_ring`, which each
 * element derives from its own public accent property and the branding's `--_accent`) and error codes in
 * monospace, at full colour (faded, text on a branding kept just readable would no longer be). Text for screen
 * readers only is elements/visually-hidden.styles.ts.
 */
export const brandingStyles = css`
  :focus-visible {
    outline: 2px solid var(--_ring);
    outline-offset: 2px;
  }
  .code {
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
  }
`;
