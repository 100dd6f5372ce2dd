/**
 * Picture-in-Picture as `external_api.js` decides it (docs/jitsi/wire.md §5): whether PiP is on, whether the host can
 * offer Document PiP, and the viewport watch that sends `show-pip`/`hide-pip` when the iframe scrolls out and back.
 */

/** `configOverwrite.pip`, as far as the host reads it. */
export interface PipConfig {
  disabled?: boolean;
}

/** PiP is on unless `pip.disabled`, where the browser has any PiP at all (true in most desktop browsers). */
export function isPiPEnabled(pip: PipConfig | undefined, win: Window): boolean {
  if (pip?.disabled) return false;
  return (
    /Electron/.test(win.navigator.userAgent) ||
    win.document.pictureInPictureEnabled === true ||
    'documentPictureInPicture' in win
  );
}

/** What the host announces in `document-pip-capability`: PiP on, a top-level page, and Document PiP present. */
export function isDocumentPiPCapable(pip: PipConfig | undefined, win: Window): boolean {
  return isPiPEnabled(pip, win) && win.top === win && 'documentPictureInPicture' in win;
}

/**
 * Calls `onChange(false)` when `frame` leaves the viewport and `onChange(true)` when it comes back; only on
 * changes, starting from "visible". Returns the function that stops watching.
 */
export function watchFrameVisibility(frame: Element, onChange: (visible: boolean) => void): () => void {
  let visible = true;
  const observer = new IntersectionObserver((entries) => {
    const latest = entries[entries.length - 1];
    if (!latest || latest.isIntersecting === visible) return;
    visible = latest.isIntersecting;
    onChange(visible);
  });
  observer.observe(frame);
  return () => observer.disconnect();
}
