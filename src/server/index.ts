/**
 * `nano-meet/server`: issuing tokens. Runs where secrets may live (Node, serverless, edge), never in a page.
 */
export { createRoomToken } from '../token/create-room-token.js';
export type { IssueOptions } from '../token/create-room-token.js';
export { createInviteToken } from '../token/create-invite-token.js';
export type { SigningKey, SharedSecretKey, PrivateSigningKey } from '../token/signing-key.js';
export type { RoomSetup, InviteSetup, SetupUser } from '../token/token-setup.js';
export * from '../token/index.js';

// The token service: a web-standard handler, its Node adapter and server, and its configuration.
export { createTokenService } from './token-service.js';
export type { TokenService } from './token-service.js';
export { toNodeListener } from './node-listener.js';
export { createNodeServer } from './node-server.js';
export type { NodeServerOptions } from './node-server.js';
export { loadConfigFromEnv } from './load-config-from-env.js';
export { hashApiKey } from './api-keys.js';
export type { ApiKeyHash } from './api-keys.js';
export { TokenServiceConfigError } from './service-config.js';
export type {
  TokenServiceConfig,
  TokenServiceKeyConfig,
  SharedSecretKeyConfig,
  PrivateKeyConfig,
  PlayoutTemplates,
  TokenServiceLogEntry,
} from './service-config.js';
export type { RateLimit } from './rate-limiter.js';
// The shared store: `redis` in the configuration, or any store of this shape as `store`.
export type { ServiceStore, Counter } from './store/service-store.js';
export type { RedisStoreOptions } from './store/redis-store.js';
export type { ServiceErrorCode } from './service-error.js';
