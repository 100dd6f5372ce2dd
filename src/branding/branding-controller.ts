import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BrandingError, loadBranding } from './load-branding.js';
import type { Branding } from './branding-schema.js';

/**
 * Loads the `branding` attribute (inline JSON or a URL) whenever it changes. A bad or unreachable branding
 * falls back to the default look and is reported once; a newer value always wins over an older one still loading.
 */
export class BrandingController implements ReactiveController {
  /** The branding in use: `{}` (the default look) until one loaded. */
  branding: Branding = {};
  #source = '';
  #pending: Promise<Branding> = Promise.resolve({});
  #abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onError: (error: BrandingError) => void,
  ) {
    host.addController(this);
  }

  /** The branding once the current source has loaded (or failed: then the default look). */
  get ready(): Promise<Branding> {
    return this.#pending;
  }

  set source(value: string) {
    if (value === this.#source) return;
    this.#source = value;
    this.#abort?.abort();
    if (!value.trim()) {
      this.branding = {};
      this.#pending = Promise.resolve(this.branding);
      this.host.requestUpdate();
      return;
    }
    const abort = (this.#abort = new AbortController());
    this.#pending = loadBranding(value, { signal: abort.signal }).then(
      (branding) => {
        if (!abort.signal.aborted) this.#use(branding);
        return this.branding;
      },
      (error: unknown) => {
        if (abort.signal.aborted) return this.branding;
        this.#use({});
        if (error instanceof BrandingError) this.onError(error);
        return this.branding;
      },
    );
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
    // Loaded again on reconnection, if it is still wanted.
    this.#source = '';
  }

  #use(branding: Branding) {
    this.branding = branding;
    this.host.requestUpdate();
  }
}
