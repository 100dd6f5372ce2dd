/**
 * Every nano-meet event bubbles and is composed, so a page can listen on `document` whatever shadow roots
 * lie in between. Returns false when a listener called `preventDefault()`.
 */
export function emitEvent<Detail>(target: EventTarget, name: string, detail: Detail, options: { cancelable?: boolean } = {}): boolean {
  return target.dispatchEvent(
    new CustomEvent<Detail>(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
