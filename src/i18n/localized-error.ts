import { CodedError } from '../shared/coded-error.js';
import { translate, type Text } from './catalogue.js';

/**
 * A {@link CodedError} whose message is a catalogue sentence: `message` is English (for logs and for code that
 * catches it), and `text` lets an element say it again in its reader's language.
 */
export class LocalizedError<Code extends string> extends CodedError<Code> {
  /** The message as a catalogue entry, when it is one. */
  readonly text?: Text;

  constructor(code: Code, message: string | Text, options?: { cause?: unknown }) {
    super(code, typeof message === 'string' ? message : translate('en', message), options);
    if (typeof message !== 'string') this.text = message;
  }
}

/** What `error` says to a person: its catalogue entry when it has one, else its message as it is. */
export function saidBy(error: { message: string; text?: Text }): Text | string {
  return error.text ?? error.message;
}
