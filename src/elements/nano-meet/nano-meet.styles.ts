import { css } from 'lit';

export const nanoMeetStyles = css`
  :host {
    display: block;
    position: relative;
    min-height: 240px;
    background: var(--nano-meet-background, #101418);
    color: var(--nano-meet-color, #f4f6f8);
    font-family: var(--nano-meet-font-family, system-ui, sans-serif);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  [part='status'] {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    gap: 0.5rem;
    padding: 1.5rem;
    text-align: center;
  }
  [part='error'] {
    color: var(--nano-meet-error-color, #ffb4a9);
  }
  .code {
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
    opacity: 0.8;
  }
`;
