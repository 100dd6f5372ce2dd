/**
 * The catalogue before and after the elements' English arrives (src/i18n/english-for-elements.ts): a CDN page may
 * register messages, and its entry say its own sentences, before any element's code is there. This file imports the
 * catalogue alone, as the entries do; node runs it in a process of its own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerMessages, text, translate } from '../../src/i18n/catalogue.js';

/** Runs `run`, returning what it warned. */
async function warnings(run: () => unknown): Promise<string[]> {
  const warn = console.warn;
  const warned: string[] = [];
  console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warned;
}

describe("the catalogue before the elements' English arrives", () => {
  it("says the entries' sentences, and an element's key as it is", () => {
    assert.equal(translate('en', text('meeting.frame-title', { room: 'daily' })), 'Meeting daily');
    assert.equal(translate('de', text('api.not-initialized')), 'Call init() first.');
    assert.equal(translate('en', text('button.go-live')), 'button.go-live');
    assert.equal(translate('fr', text('broadcast.timeout', { seconds: 3 })), 'broadcast.timeout');
  });

  it("keeps a page's words for the elements until their English says whether the keys exist", async () => {
    const early = await warnings(() =>
      registerMessages('fr', {
        'button.go-live': 'Passer en direct',
        'api.not-initialized': "Appelez d'abord init().",
        'no.such-key': 'x',
        'button.stop': 42,
      } as never),
    );
    // Only what is wrong whatever arrives is refused at once.
    assert.deepEqual(early, [`nano-meet registerMessages('fr'): ignored "button.stop".`]);
    assert.equal(translate('fr', text('button.go-live')), 'Passer en direct');
    assert.equal(translate('fr', text('api.not-initialized')), "Appelez d'abord init().");

    let changes = 0;
    const { onMessagesChange } = await import('../../src/i18n/catalogue.js');
    const stop = onMessagesChange(() => changes++);
    const arrival = await warnings(() => import('../../src/i18n/english-for-elements.js'));
    stop();
    assert.deepEqual(arrival, [`nano-meet registerMessages('fr'): ignored "no.such-key".`]);
    assert.equal(changes, 1);
    assert.equal(translate('fr', text('button.go-live')), 'Passer en direct');
    assert.equal(translate('fr', text('button.stop')), 'Stop broadcast');
    assert.equal(translate('en', text('button.go-live')), 'Go live');
    assert.equal(translate('fr', { key: 'no.such-key' } as never), 'no.such-key');
  });

  it('refuses an unknown key at once after they arrived, as before', async () => {
    const warned = await warnings(() =>
      registerMessages('fr', { 'no.other-key': 'y', 'button.stop': 'Arrêter' } as never),
    );
    assert.deepEqual(warned, [`nano-meet registerMessages('fr'): ignored "no.other-key".`]);
    assert.equal(translate('fr', text('button.stop')), 'Arrêter');
    assert.equal(translate('fr', text('button.go-live')), 'Passer en direct');
  });
});
