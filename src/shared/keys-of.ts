/** The keys of a record that must name every key of `T` and nothing else: a runtime list TypeScript keeps complete. */
export function keysOf<T>(every: { [Key in keyof T]: true }): (keyof T & string)[] {
  return Object.keys(every) as (keyof T & string)[];
}
