/**
 * The one shape of every nano-meet error: a stable `code` for programs, a `message` for people that says what
 * to do, and the `cause` when there is one.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
