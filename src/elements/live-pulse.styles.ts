import { css } from 'lit';

/**
 * `.live-pulse`: a dot before a "Live" badge that pulses three times as it appears (under five seconds, so that
 * nothing keeps moving beside the content: WCAG 2.2.2), and not at all for people who ask for less motion. The dot
 * and the word stay on one line, however narrow the badge's place (a phone's header bar).
 */
export const livePulseStyles = css`
  .live-pulse {
    white-space: nowrap;
  }
  .live-pulse::before {
    content: '';
    display: inline-block;
    width: 0.5em;
    height: 0.5em;
    margin-right: 0.4em;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 0.08em;
    animation: live-pulse 1.2s ease-in-out 3;
  }
  @media (prefers-reduced-motion: reduce) {
    .live-pulse::before {
      animation: none;
    }
  }
  @keyframes live-pulse {
    50% {
      opacity: 0.25;
    }
  }
`;
