/**
 * nano-meet: secure, branded Jitsi meetings as Web Components.
 * Importing this module defines `<nano-meet>`, `<nano-meet-broadcast-button>` and `<nano-meet-playout>`
 * (where custom elements exist; under Node it only exports). Verifying signatures is in `nano-meet/token`,
 * issuing tokens in `nano-meet/server`: neither belongs in every page.
 */
export * from './elements/nano-meet.js';
export * from './elements/nano-meet-broadcast-button.js';
export * from './elements/nano-meet-playout.js';
export { NanoMeet, NanoMeetApiError, TOKEN_SERVICE_META } from './api/nano-meet.js';
export type {
  NanoMeetOptions,
  InitConfig,
  RoomResponse,
  InviteResponse,
  BroadcastResponse,
  NanoMeetApiErrorCode,
} from './api/nano-meet.js';
export { registerMessages } from './i18n/catalogue.js';
export type { MessageKey, PartialMessages } from './i18n/catalogue.js';
export { decodeToken, TokenError } from './token/index.js';
export type { NanoMeetToken, TokenErrorCode, TokenResult } from './token/index.js';
