import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { messagesPending, onMessagesChange, say, translate, type Text } from '../i18n/catalogue.js';
import { languageOf, watchLanguages } from '../i18n/element-language.js';
// The elements' English: every element has this controller, so it comes with every element's code.
import '../i18n/english-for-elements.js';

/**
 * The language an element speaks (src/i18n/element-language.ts) and its sentences in it. The element renders
 * again when its language changes (its own `lang`, an ancestor's, the document's) or a page registers messages;
 * it stops listening when it leaves the page.
 */
export class LanguageController implements ReactiveController {
  #spoken = '';
  #unsubscribe: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The element's language now (read each time: a `lang` property of its own changes without a mutation). */
  get language(): string {
    return languageOf(this.host);
  }

  hostConnected(): void {
    this.#spoken = this.language;
    const again = () => this.#again();
    this.#unsubscribe = [watchLanguages(this.host.ownerDocument, again), onMessagesChange(() => this.#again(true))];
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  hostUpdate(): void {
    this.#spoken = this.language;
  }

  /** Says a catalogue sentence (or words as they are) in the element's language. */
  say(said: Text | string): string {
    return say(this.language, said);
  }

  /** {@link say} for a sentence without placeholders. */
  t(key: Text['key']): string {
    return translate(this.language, { key });
  }

  /**
   * Runs the element's update once its language's catalogue is there: a language loaded on demand is never first
   * shown in English. For use in `scheduleUpdate()`; without anything to wait for, the update runs at once.
   */
  whenReady(update: () => void): void | Promise<void> {
    const pending = messagesPending(this.language);
    return pending ? pending.then(update) : update();
  }

  #again(catalogueChanged = false) {
    if (catalogueChanged || this.language !== this.#spoken) this.host.requestUpdate();
  }
}
