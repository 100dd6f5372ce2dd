/**
 * `nano-meet/server`: issuing tokens. Runs where secrets may live (Node, serverless, edge), never in a page.
 */
export { createRoomToken } from '../token/create-room-token.js';
export type { IssueOptions } from '../token/create-room-token.js';
export { createInviteToken } from '../token/create-invite-token.js';
export type { SigningKey, SharedSecretKey, PrivateSigningKey } from '../token/signing-key.js';
export type { RoomSetup, InviteSetup, SetupUser } from '../token/token-setup.js';
export * from '../token/index.js';
