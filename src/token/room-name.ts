/**
 * Room names are restricted to what the classic API allowed and what survives Jitsi unchanged:
 * Jitsi lower-cases the room and percent-encodes anything outside a small ASCII set, so a claim with
 * other characters (or a homoglyph) would never match the conference it names.
 */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

export function isValidRoomName(room: unknown): room is string {
  return typeof room === 'string' && ROOM_NAME_PATTERN.test(room);
}

/** The form Jitsi itself uses for the conference (and so for the `room` claim it compares against). */
export function jitsiRoomName(room: string): string {
  return room.toLowerCase();
}
