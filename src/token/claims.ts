import * as z from 'zod/mini';
import { STREAM_NAME_PATTERN, isValidServerHost } from './server-host.js';

/** The one claim that carries nano-meet's own data, kept apart from Jitsi's claims. */
export const NANO_MEET_CLAIM = 'nano-meet';

/** Features a guest must never have: a guest token lists each as `false` (absent would mean "allowed"). */
export const SENSITIVE_FEATURES = [
  'livestreaming',
  'recording',
  'transcription',
  'outbound-call',
  'sip-outbound-call',
] as const;

// Jitsi reads booleans and the strings "true"/"false" alike (Prosody: `== true or == "true"`).
const jitsiBoolean = z.union([z.boolean(), z.literal('true'), z.literal('false')]);

// Seconds since the epoch. A value in milliseconds would be a token valid for thousands of years.
export const epochSeconds = z.int().check(z.positive(), z.lt(1e10));

const httpUrl = z.string().check(
  z.maxLength(2048),
  z.refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL'),
);

const shortText = z.string().check(z.maxLength(256));

export const tokenUserSchema = z.looseObject({
  id: z.optional(shortText),
  name: z.optional(shortText),
  email: z.optional(shortText),
  avatar: z.optional(httpUrl),
  moderator: z.optional(jitsiBoolean),
});

export const tokenClaimsSchema = z.looseObject({
  iss: z.string().check(z.minLength(1), z.maxLength(256)),
  aud: z.string().check(z.minLength(1), z.maxLength(256)),
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  // Checked on its own so that a bad room gets its own error code (`room-invalid`).
  room: z.string(),
  nbf: epochSeconds,
  exp: epochSeconds,
  iat: z.optional(epochSeconds),
  jti: z.string().check(z.minLength(1), z.maxLength(128)),
  moderator: z.optional(z.boolean()),
  context: z.looseObject({
    user: tokenUserSchema,
    features: z.optional(z.record(z.string(), jitsiBoolean)),
  }),
  [NANO_MEET_CLAIM]: z.object({
    server: z.string().check(z.refine(isValidServerHost, 'must be a host name with an optional port, not a URL')),
    streamname: z.string().check(z.regex(STREAM_NAME_PATTERN, 'must be 1–128 characters of A-Z a-z 0-9 _ -')),
    parent: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  }),
});

/** The claims of a nano-meet token exactly as they stand in the JWT. */
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
export type TokenUserClaims = z.infer<typeof tokenUserSchema>;

/** The person a token is for, as it will appear in the meeting. */
export interface TokenUser {
  id?: string;
  name?: string;
  email?: string;
  avatar?: string;
}

/** A token that passed every check, with its claims read into plain, typed values. */
export interface NanoMeetToken {
  /** The JWT itself, unchanged. */
  readonly jwt: string;
  /** The token's own id (`jti`). */
  readonly id: string;
  /** The meeting server: host and optional port. */
  readonly server: string;
  /** The room, as written in the token (Jitsi compares it lower-cased). */
  readonly room: string;
  /** The name of the live stream the meeting is broadcast to. */
  readonly streamName: string;
  readonly moderator: boolean;
  readonly notBefore: Date;
  readonly expiresAt: Date;
  readonly user: TokenUser;
  /** Jitsi features, `true` where granted. Absent means Jitsi's default (everything, for moderators). */
  readonly features?: Readonly<Record<string, boolean>>;
  /** For an invite token: the id of the token it was derived from. */
  readonly parentId?: string;
  readonly header: { readonly alg: string; readonly typ: 'JWT'; readonly kid?: string };
  readonly claims: TokenClaims;
}

export function isJitsiTrue(value: boolean | 'true' | 'false' | undefined): boolean {
  return value === true || value === 'true';
}
