import { css } from 'lit';

/** The meeting page's look: plain, high-contrast, every state readable at a glance. Scoped to the element. */
export const meetingViewStyles = css`
  html,
  body {
    margin: 0;
    height: 100%;
    background: #14171c;
  }
  sandbox-meeting {
    --accent: #4f8cff;
    --surface: #1f242c;
    --surface-raised: #2a313b;
    --text: #eef1f5;
    --muted: #a7b0bd;
    --danger: #ff6b5e;
    display: grid;
    grid-template-rows: auto 1fr auto;
    height: 100%;
    min-height: 100vh;
    box-sizing: border-box;
    color: var(--text);
    font: 15px/1.4 system-ui, sans-serif;
  }
  sandbox-meeting *,
  sandbox-meeting *::before,
  sandbox-meeting *::after {
    box-sizing: inherit;
  }
  sandbox-meeting .bar {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.5rem 1rem;
    background: var(--surface);
  }
  sandbox-meeting .bar h1 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  sandbox-meeting .room {
    color: var(--muted);
    font-size: 0.85rem;
  }
  sandbox-meeting .live {
    margin-left: auto;
    padding: 0.1rem 0.5rem;
    border-radius: 0.25rem;
    background: var(--danger);
    color: #fff;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  sandbox-meeting .body {
    display: grid;
    grid-template-columns: 1fr 18rem;
    gap: 0.75rem;
    padding: 0.75rem;
    min-height: 0;
  }
  /* The newest Jitsi builds hide the page while its branding is asked for (docs/jitsi/branding.md §2). */
  sandbox-meeting[data-paint-held] > * {
    opacity: 0;
  }
  sandbox-meeting #largeVideoContainer {
    position: relative;
    border-radius: 0.5rem;
  }
  /* Jitsi's watermark: at most 140×70 px, 32 px from the stage's top-left corner (§3). */
  sandbox-meeting .leftwatermark,
  sandbox-meeting .watermark-link {
    position: absolute;
    top: 32px;
    left: 32px;
    z-index: 2;
    width: 140px;
    height: 70px;
  }
  sandbox-meeting .watermark {
    background-position: left top;
    background-repeat: no-repeat;
    background-size: contain;
  }
  sandbox-meeting .watermark-link > .watermark {
    position: static;
    width: 100%;
    height: 100%;
  }
  sandbox-meeting .watermark-link:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 2px;
  }
  sandbox-meeting .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    grid-auto-rows: minmax(9rem, 1fr);
    gap: 0.5rem;
    align-content: start;
  }
  sandbox-meeting .stage {
    display: grid;
    grid-template-rows: 1fr auto;
    gap: 0.5rem;
    min-height: 0;
  }
  sandbox-meeting .large {
    display: grid;
    min-height: 14rem;
  }
  sandbox-meeting .filmstrip {
    display: flex;
    gap: 0.5rem;
    overflow-x: auto;
  }
  sandbox-meeting .filmstrip .tile {
    flex: 0 0 11rem;
    height: 7rem;
  }
  sandbox-meeting .tile {
    position: relative;
    display: grid;
    place-items: center;
    overflow: hidden;
    border: 2px solid transparent;
    border-radius: 0.5rem;
    background: var(--surface);
  }
  sandbox-meeting .tile[data-hand-raised] {
    border-color: #ffd166;
  }
  sandbox-meeting .tile[data-virtual-background] {
    background: linear-gradient(135deg, #2f4a7a, #5a2f7a);
  }
  sandbox-meeting .tile video {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  sandbox-meeting .avatar {
    display: grid;
    place-items: center;
    width: 4rem;
    height: 4rem;
    border-radius: 50%;
    background: var(--accent);
    font-size: 1.5rem;
    font-weight: 700;
  }
  sandbox-meeting .caption {
    position: absolute;
    left: 0.4rem;
    bottom: 0.4rem;
    right: 0.4rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    align-items: center;
  }
  sandbox-meeting .caption > *,
  sandbox-meeting .marker {
    padding: 0.05rem 0.4rem;
    border-radius: 0.25rem;
    background: rgb(0 0 0 / 60%);
    font-size: 0.8rem;
  }
  sandbox-meeting .marker {
    position: absolute;
    top: 0.4rem;
    left: 0.4rem;
  }
  sandbox-meeting [data-badge='moderator'] {
    background: var(--accent);
  }
  sandbox-meeting [data-badge='audio-muted'],
  sandbox-meeting [data-badge='video-muted'] {
    color: var(--danger);
  }
  sandbox-meeting [data-media-problem] {
    position: absolute;
    top: 0.4rem;
    right: 0.4rem;
    max-width: 70%;
    margin: 0;
    padding: 0.2rem 0.4rem;
    border-radius: 0.25rem;
    background: rgb(0 0 0 / 60%);
    color: #ffb4a9;
    font-size: 0.8rem;
  }
  sandbox-meeting .shared-video {
    display: grid;
    place-items: center;
    gap: 0.5rem;
    padding: 1rem;
    border-radius: 0.5rem;
    background: #000;
    text-align: center;
  }
  sandbox-meeting .shared-video video {
    width: 100%;
    max-height: 100%;
  }
  sandbox-meeting .shared-video code {
    word-break: break-all;
    color: var(--muted);
  }
  sandbox-meeting .side {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-height: 0;
  }
  sandbox-meeting .panel {
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--surface);
    overflow-y: auto;
  }
  sandbox-meeting .panel h2 {
    margin: 0 0 0.4rem;
    font-size: 0.9rem;
  }
  sandbox-meeting .panel ol,
  sandbox-meeting .panel ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  sandbox-meeting .panel li + li {
    margin-top: 0.35rem;
  }
  sandbox-meeting .panel li[data-private] {
    color: #ffd166;
  }
  sandbox-meeting .empty {
    margin: 0;
    color: var(--muted);
  }
  sandbox-meeting .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
    background: var(--surface);
  }
  sandbox-meeting button {
    padding: 0.35rem 0.8rem;
    border: 0;
    border-radius: 0.35rem;
    background: var(--surface-raised);
    color: var(--text);
    font: inherit;
    cursor: pointer;
  }
  sandbox-meeting button:focus-visible,
  sandbox-meeting input:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 2px;
  }
  sandbox-meeting button[data-action='video-hangup'],
  sandbox-meeting button[data-action='reject'] {
    background: var(--danger);
  }
  sandbox-meeting button[data-action='admit'] {
    background: var(--accent);
  }
  sandbox-meeting .screen {
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    padding: 2rem;
    text-align: center;
  }
  sandbox-meeting .screen h2 {
    margin: 0;
    font-size: 1.4rem;
  }
  sandbox-meeting .screen p {
    margin: 0;
    color: var(--muted);
  }
  sandbox-meeting .screen .tile {
    width: 20rem;
    height: 12rem;
  }
  sandbox-meeting .screen[data-screen='refused'] h2,
  sandbox-meeting .screen[data-screen='lost'] h2 {
    color: var(--danger);
  }
  sandbox-meeting .code {
    font-family: ui-monospace, monospace;
    font-size: 0.85rem;
  }
  sandbox-meeting form {
    display: flex;
    gap: 0.5rem;
  }
  sandbox-meeting input {
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--surface-raised);
    border-radius: 0.35rem;
    background: var(--surface);
    color: var(--text);
    font: inherit;
  }
  @media (max-width: 40rem) {
    sandbox-meeting .body {
      grid-template-columns: 1fr;
    }
  }
`;
