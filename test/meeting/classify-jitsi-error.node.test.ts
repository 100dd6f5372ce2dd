/**
 * What the element makes of each `errorOccurred` a real Jitsi page sends (docs/jitsi/failures.md §1–S8), with the
 * payloads exactly as they arrive: CONNECTION errors carry `message`, CONFERENCE errors `params` and no `message`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyJitsiError } from '../../src/meeting/classify-jitsi-error.js';

const connection = (name: string, message: string, isFatal: boolean) => ({
  error: { name, message, credentials: {}, type: 'CONNECTION' as const, isFatal },
});
const conference = (name: string, params: unknown[], extra: { recoverable?: boolean; isFatal?: boolean } = {}) => ({
  error: { name, params, type: 'CONFERENCE' as const, isFatal: false, ...extra },
});

describe('classifyJitsiError', () => {
  it("S1: a token Prosody refused at login is token-refused, with Prosody's reason", () => {
    assert.deepEqual(classifyJitsiError(connection('connection.passwordRequired', 'Not acceptable by exp', false)), {
      kind: 'failed',
      code: 'token-refused',
      jitsiName: 'connection.passwordRequired',
      detail: 'Not acceptable by exp',
    });
  });

  it("S2: a token for another room is room-refused, with the presence error's text", () => {
    const outcome = classifyJitsiError(
      conference('conference.connectionError.notAllowed', ['general', 'Room and token mismatched']),
    );
    assert.deepEqual(outcome, {
      kind: 'failed',
      code: 'room-refused',
      jitsiName: 'conference.connectionError.notAllowed',
      detail: 'Room and token mismatched',
    });
  });

  it('S3, S4: a password or the lobby is a wait, a refusal from the lobby a failure', () => {
    const password = conference('conference.passwordRequired', [], { recoverable: true });
    assert.deepEqual(classifyJitsiError(password), { kind: 'password-required' });
    const lobby = conference('conference.connectionError.membersOnly', ['room@lobby', false], { recoverable: true });
    assert.deepEqual(classifyJitsiError(lobby), { kind: 'lobby' });
    const denied = classifyJitsiError(conference('conference.connectionError.accessDenied', []));
    assert.equal(denied.kind === 'failed' && denied.code, 'lobby-denied');
  });

  it('S5: a conference a moderator ended is ended', () => {
    const ended = conference('conference.destroyed', ['The meeting has been terminated']);
    assert.deepEqual(classifyJitsiError(ended), { kind: 'ended' });
  });

  it('S8: a connection that cannot recover is connection-lost; a failed bridge or ICE is media-failed', () => {
    for (const name of ['connection.droppedError', 'connection.serverError', 'connection.otherError']) {
      const outcome = classifyJitsiError(connection(name, 'connection-dropped-error', true));
      assert.equal(outcome.kind === 'failed' && outcome.code, 'connection-lost', name);
    }
    for (const name of ['conference.iceFailed', 'conference.videobridgeNotAvailable', 'conference.focusLeft']) {
      const outcome = classifyJitsiError(conference(name, [], { isFatal: true }));
      assert.equal(outcome.kind === 'failed' && outcome.code, 'media-failed', name);
    }
  });

  it('a full conference fails at once: Jitsi leaves it and never joins, though it does not call it fatal', () => {
    const outcome = classifyJitsiError(conference('conference.max_users', []));
    assert.equal(outcome.kind === 'failed' && outcome.code, 'meeting-failed');
  });

  it('another non-fatal error is only reported; another fatal one fails the meeting', () => {
    assert.deepEqual(classifyJitsiError(conference('conference.chatError', [])), {
      kind: 'ignored',
      jitsiName: 'conference.chatError',
    });
    const config = classifyJitsiError({ error: { name: 'config.error', type: 'CONFIG', isFatal: true } });
    assert.equal(config.kind === 'failed' && config.code, 'meeting-failed');
  });
});
