import { wire } from '../protocol/jitsi-events.js';
import type { Participant } from './participant.js';
import type { Room } from './room.js';

/**
 * Tile view on or off for one participant; with follow-me on, a moderator's layout is applied to everyone.
 * `tile-view-changed` is sent only to those whose layout actually changed.
 */
export function setTileView(room: Room, participant: Participant, enabled: boolean): void {
  const followers = room.followMe && participant.moderator ? room.members() : [participant];
  for (const follower of followers) {
    if (follower.tileView === enabled) continue;
    follower.tileView = enabled;
    room.send(follower, wire('tile-view-changed', { enabled }));
  }
}
