import { httpUrl, object, optional, record, rule, string } from '../shared/json-checks.js';
import { isValidServerHost } from './server-host.js';
import { STREAM_NAME_RULE, isValidStreamName } from './stream-name.js';

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

/** Jitsi reads booleans and the strings "true"/"false" alike (Prosody: `== true or == "true"`). */
export type JitsiBoolean = boolean | 'true' | 'false';

/** Seconds since the epoch. A value in milliseconds would be a token valid for thousands of years. */
export function isEpochSeconds(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) < 1e10;
}

const jitsiBoolean = rule(
  (value) => [true, false, 'true', 'false'].includes(value as JitsiBoolean),
  'true, false, "true" or "false"',
);
const epochSeconds = rule(isEpochSeconds, 'whole seconds since 1970 (not milliseconds)');
const text = (min: number, max: number) =>
  string(
    (value) => value.length >= min && value.length <= max,
    min ? `a string of ${min}–${max} characters` : `a string of at most ${max} characters`,
  );
const shortText = text(0, 256);

/** `context.user`: unknown fields are kept (Jitsi reads some nano-meet does not). */
export interface TokenUserClaims {
  id?: string;
  name?: string;
  email?: string;
  avatar?: string;
  moderator?: JitsiBoolean;
  [claim: string]: unknown;
}

/** The claims of a nano-meet token exactly as they stand in the JWT; unknown claims are kept. */
export interface TokenClaims {
  iss: string;
  aud: string;
  sub: string;
  room: string;
  nbf: number;
  exp: number;
  iat?: number;
  jti: string;
  moderator?: boolean;
  context: { user: TokenUserClaims; features?: Record<string, JitsiBoolean>; [claim: string]: unknown };
  /**
   * nano-meet's own claim: only these fields are read, any other is dropped. An invite names the token it came
   * from (`parent`) and the room token its chain started from (`root`; invites made before it existed lack it).
   */
  [NANO_MEET_CLAIM]: { server: string; streamname: string; parent?: string; root?: string };
  [claim: string]: unknown;
}

/** Checks the claims of a decoded JWT, noting each problem in `problems`; returns the claims to keep. */
export const checkTokenClaims = object<TokenClaims>(
  {
    iss: text(1, 256),
    aud: text(1, 256),
    sub: text(1, 256),
    // `room` is checked on its own, before, so that a bad room gets its own error code (`room-invalid`).
    nbf: epochSeconds,
    exp: epochSeconds,
    iat: optional(epochSeconds),
    jti: text(1, 128),
    moderator: optional(rule((value) => typeof value === 'boolean', 'true or false')),
    context: object(
      {
        user: object(
          {
            id: optional(shortText),
            name: optional(shortText),
            email: optional(shortText),
            avatar: optional(httpUrl),
            moderator: optional(jitsiBoolean),
          },
          true,
        ),
        features: optional(record(jitsiBoolean)),
      },
      true,
    ),
    [NANO_MEET_CLAIM]: object({
      server: rule(isValidServerHost, 'a host name with an optional port, not a URL'),
      streamname: string(isValidStreamName, STREAM_NAME_RULE),
      parent: optional(text(1, 128)),
      root: optional(text(1, 128)),
    }),
  },
  true,
);

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
  /** For an invite token: the id of the room token its chain of invites started from (absent in older invites). */
  readonly rootId?: string;
  readonly header: { readonly alg: string; readonly typ: 'JWT'; readonly kid?: string };
  readonly claims: TokenClaims;
}

export function isJitsiTrue(value: JitsiBoolean | undefined): boolean {
  return value === true || value === 'true';
}
