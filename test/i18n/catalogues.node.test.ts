/**
 * The shipped catalogues: German says every English sentence (the entries' and the elements') with the same
 * placeholders, and a sentence is said in the most specific language that has it, else English, with Intl
 * formatting its dates and numbers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerMessages, text, translate } from '../../src/i18n/catalogue.js';
import '../../src/i18n/english-for-elements.js';
import { de } from '../../src/i18n/messages-de.js';
import { en as entryEnglish, type English, type MessageKey, type Messages } from '../../src/i18n/messages-en.js';
import { enElements } from '../../src/i18n/messages-en-elements.js';

const en: English = { ...entryEnglish, ...enElements };

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the shipped catalogues', () => {
  it('has every English key in German and no other', () => {
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  });

  it("says each English sentence once: in the entries' part or in the elements'", () => {
    const both = Object.keys(entryEnglish).filter((key) => key in enElements);
    assert.deepEqual(both, []);
    assert.equal(Object.keys(en).length, Object.keys(entryEnglish).length + Object.keys(enElements).length);
  });

  it("types a whole catalogue and a sentence's params from both parts of English", () => {
    const { 'playout.player': _elements, ...withoutAnElementKey } = de;
    const { 'api.not-initialized': _entry, ...withoutAnEntryKey } = de;
    // @ts-expect-error a catalogue without one of the elements' sentences is not a whole one
    const lacksElements: Messages = withoutAnElementKey;
    // @ts-expect-error nor one without one of the entries'
    const lacksEntry: Messages = withoutAnEntryKey;
    // @ts-expect-error an element's sentence with a placeholder needs its params
    const noSeconds = text('broadcast.timeout');
    // @ts-expect-error and only the placeholders its English has
    const wrongParam = text('button.go-live', { seconds: 1 });
    // @ts-expect-error an entry's sentence too
    const noRoom = text('meeting.frame-title');
    assert.ok(lacksElements && lacksEntry && noSeconds && wrongParam && noRoom);
  });

  it('keeps the placeholders of every sentence', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      assert.deepEqual(placeholders(de[key]), placeholders(en[key]), key);
    }
  });

  it('has no empty sentence and no braces but placeholders', () => {
    for (const [name, catalogue] of Object.entries({ en, de })) {
      for (const [key, sentence] of Object.entries(catalogue)) {
        assert.notEqual(sentence.trim(), '', `${name} ${key}`);
        assert.doesNotMatch(sentence.replace(/\{\w+\}/g, ''), /[{}]/, `${name} ${key}`);
      }
    }
  });
});

describe('translate', () => {
  it('says English for English, an unknown language and an empty one', () => {
    for (const language of ['en', 'en-GB', 'xx', '']) {
      assert.equal(translate(language, text('button.go-live')), 'Go live', language);
    }
  });

  it('falls back per key: a region to its language, a missing key to English', () => {
    registerMessages('zz', { 'button.go-live': 'zz live' });
    registerMessages('zz-YY', { 'button.stop': 'zz-YY stop' });
    assert.equal(translate('zz-yy', text('button.stop')), 'zz-YY stop');
    assert.equal(translate('ZZ-YY', text('button.go-live')), 'zz live');
    assert.equal(translate('zz-YY', text('button.stopping')), 'Stopping…');
  });

  it('formats a date in the language of the sentence with Intl, and a number too', () => {
    registerMessages('de', { 'meeting.opens-at': 'Beginn: {time}' });
    const time = new Date(Date.UTC(2030, 0, 22, 6, 0));
    const expected = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(time);
    assert.equal(translate('de-AT', text('meeting.opens-at', { time })), `Beginn: ${expected}`);
    assert.match(expected, /22\.01\.2030/);
    // An English sentence follows the page's region (en-GB: day first, 24 hours); a sentence that fell back to
    // English on a page in another language is written as English writes it.
    const british = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(time);
    assert.match(british, /^22 Jan 2030/);
    assert.equal(translate('en-GB', text('meeting.opens-at', { time })), `This meeting opens at ${british}.`);
    const english = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(time);
    assert.notEqual(english, british);
    assert.equal(translate('fr-CA', text('meeting.opens-at', { time })), `This meeting opens at ${english}.`);
    // No German for this key on this page (the catalogue is not loaded here): English words, English number.
    assert.equal(
      translate('de', text('broadcast.timeout', { seconds: 0.5 })),
      en['broadcast.timeout'].replace('{seconds}', '0.5'),
    );
  });

  it('says a sentence inside a sentence in the same language', () => {
    registerMessages('zz', { 'action.broadcast': 'zz-broadcasting', 'action.not-moderator': '{action}: zz-no' });
    assert.equal(
      translate('zz', text('action.not-moderator', { action: text('action.broadcast') })),
      'zz-broadcasting: zz-no',
    );
  });

  it('ignores keys it does not know and values that are not words', () => {
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => warned.push(args);
    try {
      registerMessages('zz', { 'no.such-key': 'x', 'button.starting': 42 } as never);
    } finally {
      console.warn = warn;
    }
    assert.equal(warned.length, 2);
    assert.equal(translate('zz', text('button.starting')), 'Starting…');
  });
});
