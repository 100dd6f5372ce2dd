/**
 * Defines a custom element once, and only where custom elements exist: importing nano-meet during
 * server-side rendering must not throw, and a page that loads two copies must not either.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, constructor);
}
