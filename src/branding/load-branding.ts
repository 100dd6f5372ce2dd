import { CodedError } from '../shared/coded-error.js';
import { checkBranding, type Branding } from './branding-schema.js';

export type BrandingErrorCode = 'branding-invalid' | 'branding-unreachable';

/** The branding could not be used; the element falls back to its default look. */
export class BrandingError extends CodedError<BrandingErrorCode> {
  override readonly name = 'BrandingError';
}

export interface LoadBrandingOptions {
  signal?: AbortSignal;
  /** Give up on a branding file after this long (default 8 s): the meeting must not wait on it forever. */
  timeoutMs?: number;
  /** Resolves relative branding URLs (default: the document's base URL). */
  baseUrl?: string;
}

const MAX_BRANDING_BYTES = 64 * 1024;

/**
 * Reads the `branding` attribute: inline JSON (starting with `{`) or the URL of a JSON file.
 * Resolves with the validated branding or rejects with a {@link BrandingError}.
 */
export async function loadBranding(value: string, options: LoadBrandingOptions = {}): Promise<Branding> {
  const text = value.trim();
  if (text.startsWith('{')) return parseBranding(text, 'The inline branding');
  const url = resolveUrl(text, options.baseUrl);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 8000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let body: string | undefined;
  try {
    const response = await fetch(url, { signal, credentials: 'omit', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await readAtMost(response, MAX_BRANDING_BYTES);
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new BrandingError(
      'branding-unreachable',
      `The branding file ${url} could not be loaded (${describe(cause)}).`,
      { cause },
    );
  }
  if (body === undefined) {
    throw new BrandingError(
      'branding-invalid',
      `The branding file ${url} is larger than ${MAX_BRANDING_BYTES / 1024} KB.`,
    );
  }
  return parseBranding(body, `The branding file ${url}`);
}

/** Validates branding JSON text; throws {@link BrandingError} `branding-invalid` with what is wrong. */
export function parseBranding(json: string, what = 'The branding'): Branding {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (cause) {
    throw new BrandingError('branding-invalid', `${what} is not valid JSON.`, { cause });
  }
  const problems: string[] = [];
  const branding = checkBranding(data, problems);
  if (problems.length) throw new BrandingError('branding-invalid', `${what} is not valid:\n${problems.join('\n')}`);
  return branding;
}

/**
 * The body as text, or `undefined` once it is longer than `maxBytes`: read no further then, so that a file of any
 * size (or a body without end) costs the page no more than that, and fails at once rather than at the timeout.
 */
async function readAtMost(response: Response, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    bytes += read.value.byteLength;
    if (bytes > maxBytes) {
      void reader!.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

function resolveUrl(text: string, baseUrl = globalThis.document?.baseURI): string {
  let url: URL;
  try {
    url = new URL(text, baseUrl);
  } catch (cause) {
    throw new BrandingError('branding-invalid', 'The branding attribute is neither JSON nor a URL.', { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BrandingError('branding-invalid', 'A branding URL must be http(s).');
  }
  return url.href;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.name === 'TimeoutError' ? 'timed out' : cause.message;
  return String(cause);
}
