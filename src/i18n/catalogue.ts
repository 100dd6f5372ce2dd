/**
 * The message catalogues and how a sentence is said in a language. The English the CDN entries say themselves is
 * always here (messages-en.ts); the elements' English arrives with their code ({@link addEnglish}, from
 * english-for-elements.ts). German is fetched the first time an element needs it (a file beside the CDN builds,
 * messages-de.js); a page registers any other language, or its own words for a shipped one, with
 * {@link registerMessages}. A sentence missing in a language falls back, key by key, to the language's primary
 * subtag (`de-AT` → `de`), then English.
 */
import { en, type English, type MessageKey, type Messages } from './messages-en.js';

export type { MessageKey, Messages } from './messages-en.js';

/** Some or all of a language's sentences. */
export type PartialMessages = { readonly [Key in MessageKey]?: string };

/**
 * What may fill a placeholder: dates and numbers are formatted with Intl in the sentence's language, and a
 * sentence in a sentence is said in the same language.
 */
export type MessageParam = string | number | Date | Text;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** A sentence not yet said: its key and what fills its placeholders. */
export interface Text {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** The placeholders of a sentence, from its English text: `'{name} left'` → `'name'`. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/**
 * The params a key takes (none for a sentence without placeholders). A sentence written in pieces (`'…' + '…'`)
 * is only a `string` to the compiler: its params are not checked here, but by the catalogue test.
 */
export type ParamsOf<Key extends MessageKey> = string extends English[Key]
  ? [params?: MessageParams]
  : [Placeholders<English[Key]>] extends [never]
    ? []
    : [params: Readonly<Record<Placeholders<English[Key]>, MessageParam>>];

/** A {@link Text} whose params are checked against the English sentence's placeholders. */
export function text<Key extends MessageKey>(key: Key, ...[params]: ParamsOf<Key>): Text {
  return params ? { key, params } : { key };
}

/** Shipped languages that load on demand. The ES build splits each into its own chunk. */
const LOADERS: Readonly<Record<string, () => Promise<Messages>>> = {
  de: () => import('./messages-de.js').then((module) => module.de),
};

/** English as far as it has arrived: the entries' sentences, then the elements' (addEnglish). */
const english: { [Key in MessageKey]?: string } = { ...en };
const shipped = new Map<string, PartialMessages>([['en', english]]);
const loading = new Map<string, Promise<void>>();

/**
 * What the page registered, and who listens for changes, kept once per page: a page may run two copies of this
 * module (both CDN entries, or one beside an app's own bundle), and a registration through either must reach every
 * element.
 */
interface PageCatalogues {
  readonly registered: Map<string, PartialMessages>;
  readonly listeners: Set<() => void>;
  /** Every key, once the elements' English has arrived in any copy: until then a key not known may be theirs. */
  keys?: ReadonlySet<string>;
  /** Keys registered before that, not known then: checked when the elements' English arrives. */
  unchecked?: { language: string; tag: string; key: string }[];
}
const PAGE_CATALOGUES = Symbol.for('nano-meet.page-catalogues');
const page: PageCatalogues = ((globalThis as { [PAGE_CATALOGUES]?: PageCatalogues })[PAGE_CATALOGUES] ??= {
  registered: new Map(),
  listeners: new Set(),
});
const { registered, listeners } = page;

const ignored = (language: string, key: string) =>
  console.warn(`nano-meet registerMessages('${language}'): ignored ${JSON.stringify(key)}.`);

/**
 * Adds a language, or sentences of one, for every nano-meet element on the page; the elements showing that
 * language say it again at once. Keys not given keep falling back to English; a page's sentences win over the
 * shipped ones. Unknown keys and non-strings are ignored (with a warning), so a catalogue written for another
 * version still works. A page may register before the elements' code (and their English) has arrived: a key not
 * known yet is kept until then, and ignored with the same warning if it is not theirs either.
 */
export function registerMessages(language: string, messages: PartialMessages): void {
  const tag = language.trim().toLowerCase();
  const accepted: Record<string, string> = { ...registered.get(tag) };
  for (const [key, value] of Object.entries(messages ?? {})) {
    const known = Object.hasOwn(english, key) || page.keys?.has(key);
    if (typeof value !== 'string' || (!known && page.keys)) ignored(language, key);
    else {
      accepted[key] = value;
      if (!known) (page.unchecked ??= []).push({ language, tag, key });
    }
  }
  registered.set(tag, accepted);
  notify();
}

/**
 * Adds English sentences: the elements' (english-for-elements.ts), when their code arrives. Keys registered
 * before and known by none of them are then ignored, with the warning registerMessages gives.
 */
export function addEnglish(sentences: PartialMessages): void {
  Object.assign(english, sentences);
  page.keys = new Set(Object.keys(english));
  for (const { language, tag, key } of page.unchecked?.splice(0) ?? []) {
    if (page.keys.has(key)) continue;
    const kept: Record<string, string> = { ...registered.get(tag) };
    delete kept[key];
    registered.set(tag, kept);
    ignored(language, key);
  }
  notify();
}

/** Called whenever the catalogues change (a registration, a language loaded); returns the unsubscribe. */
export function onMessagesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  for (const listener of [...listeners]) listener();
}

/** `de-AT` → `['de-at', 'de']`: the tags a sentence is looked up under, most specific first. */
function tagsOf(language: string): string[] {
  const tag = language.trim().toLowerCase();
  const primary = tag.split('-')[0]!;
  return primary === tag ? [tag] : [tag, primary];
}

/**
 * Starts loading the shipped catalogue `language` needs, if it has one not loaded yet; the promise settles once
 * it is there (or failed to load: English stands in). `undefined` when nothing is to wait for.
 */
export function messagesPending(language: string): Promise<void> | undefined {
  const waits = tagsOf(language).flatMap((tag) => {
    // Own entries only: a `lang` of "constructor" or "__proto__" names no catalogue, not Object's members.
    const load = Object.hasOwn(LOADERS, tag) ? LOADERS[tag] : undefined;
    if (!load || shipped.has(tag)) return [];
    let pending = loading.get(tag);
    if (!pending) {
      pending = load().then(
        (messages) => void shipped.set(tag, messages),
        (error: unknown) => {
          // Said once: the elements go on in English.
          console.warn(`nano-meet: the ${tag} messages could not be loaded; English is shown.`, error);
          shipped.set(tag, {});
        },
      );
      loading.set(tag, pending.then(notify));
    }
    return [loading.get(tag)!];
  });
  return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
}

/**
 * Says `text` in `language`: the most specific catalogue that has the key, else English; the key itself when even
 * English does not have it yet (an element's sentence asked for before the element's code has arrived).
 */
export function translate(language: string, { key, params }: Text): string {
  let found: { tag: string; sentence: string } | undefined;
  for (const tag of tagsOf(language)) {
    const sentence = registered.get(tag)?.[key] ?? shipped.get(tag)?.[key];
    if (sentence !== undefined) {
      found = { tag, sentence };
      break;
    }
  }
  const { tag, sentence } = found ?? { tag: 'en', sentence: english[key] ?? key };
  return params ? fill(sentence, params, tag, language) : sentence;
}

/** Says `said` in `language`, unless it is already words (a message that needs no translation). */
export function say(language: string, said: Text | string): string {
  return typeof said === 'string' ? said : translate(language, said);
}

/** Fills the placeholders of a sentence found under `tag`, of a text asked for in `language`. */
function fill(sentence: string, params: MessageParams, tag: string, language: string): string {
  // Dates and numbers follow the page's regional conventions when the sentence is in the page's language
  // (`en-GB` writes 22 Jan 2030, `de-AT` Jän.), and the sentence's language when it had to fall back to another.
  const region = tagsOf(language).at(-1) === tagsOf(tag).at(-1) ? language : tag;
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value instanceof Date) return formatTime(value, region);
    if (typeof value === 'number') return formatNumber(value, region);
    if (typeof value === 'object' && value !== null) return translate(language, value);
    return value ?? whole;
  });
}

/** A moment, as people of that language write it: date and time, to the minute. */
export function formatTime(time: Date, language: string): string {
  return new Intl.DateTimeFormat(intlTag(language), { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(intlTag(language), { maximumFractionDigits: 1, useGrouping: false }).format(value);
}

/** A page may register a language under a tag Intl refuses: that one formats as English. */
function intlTag(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
