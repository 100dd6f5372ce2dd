// Type tests for the framework typings the build generates (dist/types/*.d.ts) and the React wrapper: only
// type-checked (`npx tsc -p test/tsconfig.json`), never run. Each `@ts-expect-error` is a prop a template must
// not accept; were the typings `any`, the unused directive would fail the check.
//
// There is no JSX here: the test tsconfig compiles .ts, not .tsx. A JSX element `<nano-meet … />` is checked
// against `JSX.IntrinsicElements['nano-meet']`, so that is what is checked below; a real .tsx file is compiled
// by test/package/integrations-typecheck.node.test.ts. React's types come with @lit/react (@types/react).
import type * as React from 'react';
import type {} from '../../dist/types/react.js';
import type { CustomElements } from '../../dist/types/jsx.js';
import { createNanoMeetComponents, type NanoMeetComponents } from '../../src/react/index.js';

type ReactProps<Tag extends keyof React.JSX.IntrinsicElements> = React.JSX.IntrinsicElements[Tag];

// React 19: attributes by their names, typed from the element class; events as `on<event name>`.
export const meeting: ReactProps<'nano-meet'> = {
  token: 'eyJ…',
  'display-name': 'Ann',
  layout: 'tile',
  'presenter-mode': true,
  loader: 'native',
  'expiry-warning': 120,
  style: { height: '40rem' },
  'onnano-meet-ready': (event) => void (event.detail.moderator satisfies boolean),
  'onnano-meet-error': (event) => void (event.detail.code satisfies string),
  // Every re-emitted Jitsi event too, typed by its payload.
  'onnano-meet-participant-joined': (event) => void event.detail,
};
// @ts-expect-error `layout` is `tile` or `stage`
export const wrongLayout: ReactProps<'nano-meet'> = { layout: 'grid' };
// @ts-expect-error `expiry-warning` is a number of seconds
export const wrongNumber: ReactProps<'nano-meet'> = { 'expiry-warning': 'soon' };
// @ts-expect-error `state` is read-only: the element reports it
export const readOnly: ReactProps<'nano-meet'> = { state: 'joined' };
// @ts-expect-error the detail of nano-meet-ready has no `room`
export const wrongDetail: ReactProps<'nano-meet'> = { 'onnano-meet-ready': (event) => event.detail.room };
// @ts-expect-error no such attribute
export const unknownAttribute: ReactProps<'nano-meet-broadcast-button'> = { fore: 'meeting' };
export const button: ReactProps<'nano-meet-broadcast-button'> = { for: 'meeting', record: true, guests: 'disabled' };
export const playout: ReactProps<'nano-meet-playout'> = {
  src: 'https://playout.example.org/live/x.m3u8',
  autoplay: true,
  muted: true,
  'latency-target': 1.5,
  'onnano-meet-playout-playing': (event) => void (event.detail.ttff satisfies number),
};
// @ts-expect-error `latency-target` is a number
export const wrongPlayout: ReactProps<'nano-meet-playout'> = { 'latency-target': 'low' };

// Any JSX (Preact, Solid, Stencil): the same props by tag.
export const preact: CustomElements['nano-meet-playout'] = { streamname: 'XXXXX-YYYYY' };
// @ts-expect-error `autoplay` is a boolean
export const wrongPreact: CustomElements['nano-meet-playout'] = { autoplay: 'yes' };

// React 18: the wrapper's props, events in camel case.
type WrapperProps<Name extends keyof NanoMeetComponents> = React.ComponentProps<NanoMeetComponents[Name]>;
export const wrapped: WrapperProps<'NanoMeet'> = {
  token: 'eyJ…',
  displayName: 'Ann',
  onReady: (event) => void (event.detail.participantId satisfies string),
  onTokenExpiring: (event) => void (event.detail.secondsLeft satisfies number),
  onParticipantJoined: (event) => void event.detail,
  onNanoMeetMouseEnter: (event) => void event.detail,
  onMouseEnter: (event) => void (event.clientX satisfies number),
};
// @ts-expect-error `layout` is `tile` or `stage`
export const wrappedLayout: WrapperProps<'NanoMeet'> = { layout: 'grid' };
// @ts-expect-error the detail of nano-meet-error has no `reason`
export const wrappedDetail: WrapperProps<'NanoMeet'> = { onError: (event) => event.detail.reason };
export const wrappedPlayout: WrapperProps<'NanoMeetPlayout'> = {
  onPlaying: (event) => void (event.detail.protocol satisfies string),
};
// @ts-expect-error the button has no events of its own
export const wrappedButton: WrapperProps<'NanoMeetBroadcastButton'> = { onBroadcastStarted: () => undefined };
// The factory takes the page's React module.
export const factory: (react: typeof React) => NanoMeetComponents = createNanoMeetComponents;
