/**
 * What `<nano-meet>` shares with the elements inside it (through `@lit/context`) and with elements elsewhere
 * that name it with `for="<id>"`: its state, the role, the stream, and the meeting itself for its methods.
 */
import { createContext } from '@lit/context';
import type { BroadcastState, MeetingState } from './nano-meet-events.js';

/** The part of `<nano-meet>` that controls need: state and actions. */
export interface MeetingHandle extends HTMLElement {
  readonly state: MeetingState;
  readonly moderator: boolean;
  /** The stream name of the token, or undefined without a valid token. */
  readonly streamName: string | undefined;
  readonly broadcastState: BroadcastState;
  startBroadcast(options?: {
    record?: boolean;
    ingest?: string;
    whep?: string;
    hls?: string;
    vod?: string;
  }): Promise<unknown>;
  stopBroadcast(): Promise<void>;
}

export interface MeetingContextValue {
  state: MeetingState;
  moderator: boolean;
  streamName: string | undefined;
  broadcastState: BroadcastState;
  meeting: MeetingHandle;
}

export const meetingContext = createContext<MeetingContextValue | undefined>(Symbol('nano-meet'));
