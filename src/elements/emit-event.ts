/** The `detail` of each event of an event map: `{ name: CustomEvent<Detail> }` → `{ name: Detail }`. */
export type EventDetails<Map> = { [Name in keyof Map]: Map[Name] extends CustomEvent<infer Detail> ? Detail : never };

/**
 * An `emit` that knows an element's events: a misspelt name or a wrong detail does not compile. Every
 * nano-meet event bubbles and is composed, so a page can listen on `document` whatever shadow roots lie in
 * between. The returned function answers false when a listener called `preventDefault()`.
 */
export function eventEmitter<Map>() {
  return function emitEvent<Name extends keyof Map & string>(
    target: EventTarget,
    name: Name,
    detail: EventDetails<Map>[Name],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return target.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
    );
  };
}
