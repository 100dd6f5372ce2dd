/**
 * `nano-meet/react`: React components for the three elements, for React 18 (React 19 can use the elements
 * directly, typed by `nano-meet/react-types`). Properties are set as properties, and each element's events
 * become camel-case props: `<NanoMeet token={…} onReady={…} onError={…} />`.
 *
 * React is not imported here: the page passes its own React in, so nano-meet neither bundles nor pins it.
 *
 * ```tsx
 * import * as React from 'react';
 * import { createNanoMeetComponents } from 'nano-meet/react';
 * export const { NanoMeet, NanoMeetBroadcastButton, NanoMeetPlayout } = createNanoMeetComponents(React);
 * ```
 */
import { createComponent, type Options, type ReactWebComponent } from '@lit/react';
import { NanoMeetElement, type NanoMeetEventMap, type NanoMeetOwnEventMap } from '../elements/nano-meet.js';
import { NanoMeetBroadcastButtonElement } from '../elements/nano-meet-broadcast-button.js';
import { NanoMeetPlayoutElement, type NanoMeetPlayoutEventMap } from '../elements/nano-meet-playout.js';
import { jitsiDomEventNames, NANO_MEET_OWN_EVENT_NAMES } from '../elements/nano-meet/nano-meet-events.js';
import { PLAYOUT_EVENT_NAMES } from '../elements/playout/playout-events.js';
import { eventProps, type EventProp, type EventProps } from './event-props.js';

/** The React module (`import * as React from 'react'`); typed by `@lit/react`. */
export type ReactModule = Options<HTMLElement>['react'];

/**
 * Jitsi events whose camel-case prop would hide a native handler of the same name (`onMouseEnter` is React's
 * own) keep their full name instead: `onNanoMeetMouseEnter`. The type below fails when Jitsi gains another.
 */
const SHADOWING_JITSI_EVENTS = ['nano-meet-mouse-enter', 'nano-meet-mouse-leave', 'nano-meet-mouse-move'] as const;
type ShadowingJitsiEvent = (typeof SHADOWING_JITSI_EVENTS)[number];
type JitsiEventNameOf<Name> = Exclude<Name, keyof NanoMeetOwnEventMap> & string;
type Shadows<Name extends string> = Name extends unknown
  ? Lowercase<EventProp<Name, 'nano-meet-'>> extends keyof GlobalEventHandlers
    ? Name
    : never
  : never;
/** Compiles only for `never`: an error names a Jitsi event missing from SHADOWING_JITSI_EVENTS. */
type MustBeEmpty<T extends never> = T;
type UnlistedShadowing = MustBeEmpty<Exclude<Shadows<JitsiEventNameOf<keyof NanoMeetEventMap>>, ShadowingJitsiEvent>>;

const JITSI_EVENTS = jitsiDomEventNames();

const shadowing: ReadonlySet<string> = new Set(SHADOWING_JITSI_EVENTS);

type NanoMeetEvents = EventProps<NanoMeetOwnEventMap, 'nano-meet-'> &
  EventProps<Omit<NanoMeetEventMap, keyof NanoMeetOwnEventMap | ShadowingJitsiEvent>, 'nano-meet-'> &
  EventProps<Pick<NanoMeetEventMap, ShadowingJitsiEvent>, ''>;

/** `<nano-meet>`'s event props: `onReady`, `onError`, …, and one per Jitsi event (`onParticipantJoined`). */
export const NANO_MEET_EVENTS = {
  ...eventProps<NanoMeetOwnEventMap, 'nano-meet-'>(NANO_MEET_OWN_EVENT_NAMES, 'nano-meet-'),
  ...eventProps<NanoMeetEventMap, 'nano-meet-'>(
    JITSI_EVENTS.filter((name) => !shadowing.has(name)),
    'nano-meet-',
  ),
  ...eventProps<NanoMeetEventMap, ''>(SHADOWING_JITSI_EVENTS, ''),
} as NanoMeetEvents;

/** `<nano-meet-playout>`'s event props: `onPlaying`, `onWaiting`, `onStalled`, `onEnded`, `onError`, `onStats`. */
export const NANO_MEET_PLAYOUT_EVENTS = eventProps<NanoMeetPlayoutEventMap, 'nano-meet-playout-'>(
  PLAYOUT_EVENT_NAMES,
  'nano-meet-playout-',
);

/**
 * `<nano-meet-broadcast-button>` dispatches no events of its own: the broadcast events its JSDoc lists come from
 * the meeting, so listen on `<NanoMeet>`.
 */
export const NANO_MEET_BROADCAST_BUTTON_EVENTS = {};

/** The React components `createNanoMeetComponents` returns. */
export interface NanoMeetComponents {
  NanoMeet: ReactWebComponent<NanoMeetElement, typeof NANO_MEET_EVENTS>;
  NanoMeetBroadcastButton: ReactWebComponent<NanoMeetBroadcastButtonElement, typeof NANO_MEET_BROADCAST_BUTTON_EVENTS>;
  NanoMeetPlayout: ReactWebComponent<NanoMeetPlayoutElement, typeof NANO_MEET_PLAYOUT_EVENTS>;
}

/**
 * Creates `NanoMeet`, `NanoMeetBroadcastButton` and `NanoMeetPlayout` for the page's React (18 or later).
 * Importing this module defines the elements (where custom elements exist), so it is safe in server rendering.
 */
export function createNanoMeetComponents(react: ReactModule): NanoMeetComponents {
  return {
    NanoMeet: createComponent({
      react,
      tagName: 'nano-meet',
      elementClass: NanoMeetElement,
      events: NANO_MEET_EVENTS,
      displayName: 'NanoMeet',
    }),
    NanoMeetBroadcastButton: createComponent({
      react,
      tagName: 'nano-meet-broadcast-button',
      elementClass: NanoMeetBroadcastButtonElement,
      events: NANO_MEET_BROADCAST_BUTTON_EVENTS,
      displayName: 'NanoMeetBroadcastButton',
    }),
    NanoMeetPlayout: createComponent({
      react,
      tagName: 'nano-meet-playout',
      elementClass: NanoMeetPlayoutElement,
      events: NANO_MEET_PLAYOUT_EVENTS,
      displayName: 'NanoMeetPlayout',
    }),
  };
}
