/**
 * Importing this module puts the elements' English (messages-en-elements.ts) into the catalogue. Every module that
 * says, or builds an error with, a sentence of the elements imports it (src/elements/language-controller.ts,
 * src/meeting/meeting-error.ts), so the English is there before it is asked for, whatever loaded first; the CDN
 * entries import none of them, and so do not carry it (test/package/cdn-english.node.test.ts).
 */
import { addEnglish } from './catalogue.js';
import { enElements } from './messages-en-elements.js';

addEnglish(enElements);
