/**
 * How media flows in a room, as lib-jitsi-meet decides it with Jitsi's defaults (`p2p.enabled: true`,
 * `p2p.backToP2PDelay: 5`): straight between two participants when they are the only ones (P2P), through the
 * bridge otherwise (docs/jitsi/wire.md §9). Each page hears `p2p-status-changed` when its own conference
 * switches, and `get-p2p-status` answers from the same state. A third arrival ends P2P at once; two left alone by
 * a departure go back to P2P only after the delay. The sandbox has no ICE to wait for: a new pair is P2P at once.
 * Not modelled: a page whose config turns P2P off (nano-meet sends no such override).
 */
import { wire } from '../protocol/jitsi-events.js';
import type { Participant } from './participant.js';
import type { Room } from './room.js';

/** Jitsi's `p2p.backToP2PDelay` default: 5 s. */
export const BACK_TO_P2P_DELAY_MS = 5000;

function switchTo(room: Room, members: readonly Participant[], isP2p: boolean): void {
  for (const member of members) {
    if (member.p2p === isP2p) continue;
    member.p2p = isP2p;
    room.send(member, wire('p2p-status-changed', { isP2p }));
  }
}

/**
 * Brings the room's media path in line with who is in it; called after every change. `later` runs the delayed
 * return to P2P (the hub's timers, cleared when the sandbox closes).
 */
export function settleP2p(room: Room, later: (ms: number, run: () => void) => void): void {
  const members = room.members();
  const departure = members.length < room.memberCount;
  room.memberCount = members.length;
  if (members.length !== 2) {
    switchTo(room, members, false);
    return;
  }
  if (members.every((member) => member.p2p)) return;
  if (!departure) {
    switchTo(room, members, true);
    return;
  }
  later(BACK_TO_P2P_DELAY_MS, () => {
    const now = room.members();
    // Still the same two, alone: anyone arriving or leaving meanwhile decided again.
    if (now.length === 2 && now.every((member) => members.includes(member))) switchTo(room, now, true);
  });
}
