/**
 * camelCase → kebab-case: the rule behind most of Jitsi's wire names (`toggleAudio` → `toggle-audio`, see
 * wire-names.ts) and behind the DOM names of `<nano-meet>`'s Jitsi events (`nano-meet-events.ts`). Each ASCII
 * capital becomes `-` plus its lower case; digits, `_` and everything else stay (`p2pStatusChanged` →
 * `p2p-status-changed`). Runs of capitals are not words of their own: `toggleE2EE` → `toggle-e2-e-e`.
 */

/** `S` in kebab case, exactly as `kebabCase` spells it; `string` for `string`. */
export type KebabCase<S extends string> = string extends S ? string : KebabCaseFrom<S, ''>;
// Tail-recursive, so TypeScript does not give up on long names.
type KebabCaseFrom<S extends string, Done extends string> = S extends `${infer C}${infer Rest}`
  ? KebabCaseFrom<Rest, `${Done}${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}`>
  : Done;

/** `name` in kebab case: `videoConferenceJoined` → `video-conference-joined`. */
export function kebabCase<S extends string>(name: S): KebabCase<S> {
  return name.replace(/[A-Z]/g, (capital) => `-${capital.toLowerCase()}`) as KebabCase<S>;
}
