/**
 * What `<nano-meet>` shares with the elements inside it (through `@lit/context`) and with elements elsewhere
 * that name it with `for="<id>"`: its state, the role, the stream, and the meeting itself for its methods.
 */
import { createContext } from '@lit/context';
import type { MeetingState } from './nano-meet-events.js';

/** The part of `<nano-meet>` that controls need: state and actions. */
export interface MeetingHandle extends HTMLElement {
  readonly state: MeetingState;
  readonly moderator: boolean;
  /** The stream name of the token, or undefined without a valid token. */
  readonly streamName: string | undefined;
}

export interface MeetingContextValue {
  state: MeetingState;
  moderator: boolean;
  streamName: string | undefined;
  meeting: MeetingHandle;
}

export const meetingContext = createContext<MeetingContextValue | undefined>(Symbol('nano-meet'));
