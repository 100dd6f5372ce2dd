/**
 * Where keyboard focus goes when `<nano-meet>`'s screen changes, so that a keyboard or screen-reader user who was
 * in the meeting is not left on the page's `<body>` when the meeting is taken away: the error and ended screens
 * hand focus to their action (Try again, Rejoin), or, on a screen without one (removed by a moderator, meeting
 * ended, token expired, a failure that trying again cannot cure), to its message, which is then read out; the
 * password screen hands it to the field; the meeting's iframe gets it back once joined again.
 *
 * Only focus that was inside the element moves: a page whose visitor is elsewhere keeps its focus. The password
 * screen alone also takes focus that is nowhere (on `<body>`, as on a page just opened): someone must type the
 * password before anything else happens here, and no one is interrupted. "Inside" also
 * counts focus the element itself took away by removing what held it (the iframe as the meeting closes, the Rejoin
 * button as the meeting loads), as long as nothing else has taken focus since: the browser then leaves it on
 * `<body>`, until the next screen with a place for it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MeetingScreen } from './meeting-state.js';

export interface ScreenFocusHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly iframe: HTMLIFrameElement | undefined;
}

export class ScreenFocus implements ReactiveController {
  #screen?: MeetingScreen;
  /**
   * What last lost focus inside the element to nowhere (a removal, or a click on nothing focusable), or had it as
   * the meeting closed.
   */
  #lost?: Element;

  constructor(private readonly host: ScreenFocusHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('focusout', this.#onFocusOut);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusout', this.#onFocusOut);
    this.#lost = undefined;
  }

  /**
   * Before the element removes what may have focus (the meeting's iframe as the meeting closes): notes focus that
   * is inside. Chromium reports no focusout when it removes an iframe that a keyboard user reached with Tab (nor a
   * focusin as it was reached), so only where focus is now tells that it was inside.
   */
  beforeRemoval(): void {
    const active = this.host.shadowRoot?.activeElement;
    if (active) this.#lost = active;
  }

  /** After a render: moves focus to the new screen's place for it, if the screen changed and focus was inside. */
  follow(screen: MeetingScreen): void {
    if (screen === this.#screen) return;
    this.#screen = screen;
    const target = this.#target(screen);
    if (!target) return;
    if (!this.#focusWasInside() && !(screen.kind === 'password' && this.#focusIsNowhere())) return;
    this.#lost = undefined;
    target.focus();
  }

  #target(screen: MeetingScreen): HTMLElement | undefined {
    const root = this.host.renderRoot;
    switch (screen.kind) {
      case 'password':
        return root.querySelector<HTMLElement>('#password') ?? undefined;
      case 'error':
      case 'ended': {
        const action = root.querySelector<HTMLElement>('.status button');
        if (action) return action;
        // The message, unless the page slotted its own in its place (then the fallback is not rendered): the screen.
        const message = root.querySelector<HTMLElement>('.status .message');
        return message && message.getClientRects().length > 0
          ? message
          : (root.querySelector<HTMLElement>('.status') ?? undefined);
      }
      case 'none':
        return this.host.iframe;
      default:
        return undefined;
    }
  }

  #focusWasInside(): boolean {
    if (this.host.matches(':focus-within')) return true;
    return this.#lost !== undefined && !this.#lost.isConnected && this.#focusIsNowhere();
  }

  /** Nothing on the page has focus: the browser then reports `<body>`. */
  #focusIsNowhere(): boolean {
    const active = this.host.ownerDocument.activeElement;
    return active === null || active === this.host.ownerDocument.body;
  }

  readonly #onFocusOut = (event: FocusEvent) => {
    // Chromium reports a removed element's loss of focus while it is still connected: whether it was removed is
    // known only later, when a screen asks.
    this.#lost = event.relatedTarget === null ? (event.composedPath()[0] as Element) : undefined;
  };
}
