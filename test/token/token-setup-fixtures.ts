// The key, setup and instant every token test starts from, without Node modules: browser tests share them too.
import type { SharedSecretKey } from '../../src/token/signing-key.js';
import type { RoomSetup } from '../../src/token/token-setup.js';

export const SECRET = 'a-shared-secret-of-32-characters';
export const KEY: SharedSecretKey = { appId: 'nano_app', secret: SECRET };

/** The classic `createNanoMeetRoom` setup, as in the README. */
export const ROOM_SETUP: RoomSetup = {
  nbf: '2026-01-22T06:00:00.000Z',
  exp: '2026-01-29T06:00:00.000Z',
  streamname: 'XXXXX-YYYYY',
  server: 'meet.example.org',
  room: 'my_nanoMeet_room',
  moderator: true,
};

/** "Now" for every test: inside ROOM_SETUP's window. Tests never read the wall clock. */
export const NOW = Date.parse('2026-01-23T12:00:00.000Z');
