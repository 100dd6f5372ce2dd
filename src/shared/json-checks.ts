/**
 * Checks for JSON from outside (token claims, branding files), hand-written rather than a schema library
 * because they ship to every page. A check notes each problem as one `path: must be …` line in `problems`
 * and returns the value to keep; `path` is where the value stands (none for the whole document).
 */
export type Check<T = unknown> = (value: unknown, problems: string[], path?: string) => T;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

function refuse(problems: string[], path: string | undefined, mustBe: string): undefined {
  problems.push(`${path ? `${path}: ` : ''}must be ${mustBe}`);
}

const at = (path: string | undefined, key: string) => (path ? `${path}.${key}` : key);

/** Passes what `test` accepts; anything else "must be" what `mustBe` says. */
export const rule =
  (test: (value: unknown) => boolean, mustBe: string): Check =>
  (value, problems, path) =>
    test(value) ? value : refuse(problems, path, mustBe);

/** A string that `test` accepts. */
export const string = (test: (value: string) => boolean, mustBe: string): Check =>
  rule((value) => typeof value === 'string' && test(value), mustBe);

export const httpUrl = string(
  (value) => value.length <= 2048 && isHttpUrl(value),
  'an http(s) URL of at most 2048 characters',
);

/** Absent (`undefined`) is fine too. */
export const optional =
  (check: Check): Check =>
  (value, problems, path) =>
    value === undefined ? value : check(value, problems, path);

/**
 * An object with these fields. Other fields are dropped, or kept with `keepOthers` (a token carries claims
 * for Jitsi that nano-meet passes on unread).
 */
export const object =
  <T>(fields: Record<string, Check>, keepOthers?: boolean): Check<T> =>
  (value, problems, path) => {
    if (!isObject(value)) return refuse(problems, path, 'an object') as T;
    const kept: Record<string, unknown> = keepOthers ? { ...value } : {};
    for (const key in fields) {
      const field = fields[key]!(value[key], problems, at(path, key));
      if (field !== undefined) kept[key] = field;
    }
    return kept as T;
  };

/** An object of any keys, each value passing `check`. */
export const record =
  (check: Check): Check =>
  (value, problems, path) => {
    if (!isObject(value)) return refuse(problems, path, 'an object');
    for (const key in value) check(value[key], problems, at(path, key));
    return value;
  };

/** An array of at most `max` items, each passing `check`. */
export const list =
  (check: Check, max: number): Check =>
  (value, problems, path) =>
    Array.isArray(value) && value.length <= max
      ? value.map((item, index) => check(item, problems, `${path ?? ''}[${index}]`))
      : refuse(problems, path, `an array of at most ${max} items`);
