/**
 * Loads a meeting server's own `external_api.js` (the "external" route) and hands back the
 * `JitsiMeetExternalAPI` class it defines.
 *
 * Each server's script is loaded once per page. The script sets a global, so with meetings on two servers the
 * second script would replace the first one's class: the class is taken from the global in the script's `load`
 * event, which the browser fires right after that script ran and before any other script can. A failed load is
 * forgotten, so the next meeting tries again. A load in progress is shared, whoever asks, with its first timeout.
 */
import { text, type Text } from '../i18n/catalogue.js';
import { LocalizedError } from '../i18n/localized-error.js';
import { trustedScriptUrl } from '../shared/trusted-script-url.js';

export interface ExternalApiConstructor {
  new (domain: string, options: Record<string, unknown>): ExternalApiInstance;
}

/** The part of Jitsi's `JitsiMeetExternalAPI` instance that nano-meet uses. */
export interface ExternalApiInstance {
  executeCommand(name: string, ...args: unknown[]): void;
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
  [request: string]: unknown;
}

/** The meeting server's `external_api.js` did not load or did not define the API. */
export class ScriptLoadError extends LocalizedError<'script-load-failed'> {
  override readonly name = 'ScriptLoadError';

  constructor(message: Text) {
    super('script-load-failed', message);
  }
}

/**
 * The loads of the page, kept once per page: the pre-iframe core starts the load as soon as it has read the token
 * (src/elements/early-meeting) and the element takes it over rather than fetching the script a second time, even
 * where a page runs two copies of this module (both CDN entries, or one beside an app's own bundle).
 */
const PAGE_LOADS = Symbol.for('nano-meet.external-api-loads');
const loaded = ((globalThis as { [PAGE_LOADS]?: Map<string, Promise<ExternalApiConstructor>> })[PAGE_LOADS] ??=
  new Map());

export interface LoadExternalApiOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
}

export function externalApiUrl(server: string): string {
  return `https://${server}/external_api.js`;
}

export function loadExternalApi(server: string, options: LoadExternalApiOptions = {}): Promise<ExternalApiConstructor> {
  const url = externalApiUrl(server);
  let pending = loaded.get(url);
  if (!pending) {
    pending = injectScript(url, options.timeoutMs ?? 20_000);
    loaded.set(url, pending);
    pending.catch(() => loaded.delete(url));
  }
  return pending;
}

function injectScript(url: string, timeoutMs: number): Promise<ExternalApiConstructor> {
  return new Promise((resolve, reject) => {
    // First: a page whose Trusted Types policy refuses it rejects the load before anything starts.
    const src = trustedScriptUrl(url);
    const script = document.createElement('script');
    const finish = (error?: Error) => {
      clearTimeout(timer);
      script.onload = script.onerror = null;
      // The code stays loaded; the element in <head> has no further use.
      script.remove();
      const constructor = (globalThis as { JitsiMeetExternalAPI?: ExternalApiConstructor }).JitsiMeetExternalAPI;
      if (error) reject(error);
      else if (typeof constructor !== 'function')
        reject(new ScriptLoadError(text('failure.script-undefined', { url })));
      else resolve(constructor);
    };
    const timer = setTimeout(
      () => finish(new ScriptLoadError(text('failure.script-timeout', { url, seconds: timeoutMs / 1000 }))),
      timeoutMs,
    );
    script.onload = () => finish();
    script.onerror = () => finish(new ScriptLoadError(text('failure.script-failed', { url })));
    script.async = true;
    script.src = src;
    document.head.append(script);
  });
}
