/**
 * React prop names for DOM event names, derived from the elements' typed event maps, so that a new event in a
 * map is a new prop (or a type error here) rather than something to remember.
 *
 * `nano-meet-token-expiring` → `onTokenExpiring`: the element's prefix goes, the rest turns into camel case.
 */
import type { EventName } from '@lit/react';

/** `token-expiring` → `TokenExpiring`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** The React prop for the DOM event `Name`, with the element's `Prefix` taken off. */
export type EventProp<
  Name extends string,
  Prefix extends string,
> = `on${PascalCase<Name extends `${Prefix}${infer Rest}` ? Rest : Name>}`;

/** The `events` option of `createComponent` for every event of `Map` whose name starts with `Prefix`. */
export type EventProps<Map, Prefix extends string> = {
  [Name in keyof Map & `${Prefix}${string}` as EventProp<Name, Prefix>]: EventName<
    Map[Name] extends Event ? Map[Name] : never
  >;
};

/** The runtime side of `EventProp`. */
export function eventProp(name: string, prefix: string): string {
  const rest = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return `on${rest.replace(/(?:^|-)(.)/g, (_, letter: string) => letter.toUpperCase())}`;
}

/** `{ onTokenExpiring: 'nano-meet-token-expiring', … }` for `names`, typed from the event map `Map`. */
export function eventProps<Map, const Prefix extends string>(
  names: readonly (keyof Map & `${Prefix}${string}`)[],
  prefix: Prefix,
): EventProps<Map, Prefix> {
  return Object.fromEntries(names.map((name) => [eventProp(name, prefix), name])) as unknown as EventProps<Map, Prefix>;
}
