/**
 * The watch that ends the wait for a meeting that does not open: two steps (load, then join), each with the whole
 * timeout, and no deadline once the meeting is joined or waits for a person. Node's mock timers stand in for time.
 */
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICE_PROMPT_ALLOWANCE_MS, MeetingLoadWatch } from '../../src/meeting/meeting-load-watch.js';
import type { MeetingError } from '../../src/meeting/meeting-error.js';

function watch(options: { devicePrompt?: boolean } = {}) {
  const timeouts: MeetingError[] = [];
  const load = new MeetingLoadWatch({
    server: 'meet.example.org',
    timeoutMs: 1000,
    onTimeout: (error) => timeouts.push(error),
    devicePromptPossible: async () => options.devicePrompt ?? false,
    devicePromptAllowanceMs: 5000,
  });
  return { load, timeouts };
}

/** Lets the watch's own promise (the device-prompt question) settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MeetingLoadWatch', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('fails with load-timeout when the page never says ready, naming the server', () => {
    const { timeouts } = watch();
    mock.timers.tick(999);
    assert.equal(timeouts.length, 0);
    mock.timers.tick(1);
    assert.equal(timeouts.length, 1);
    assert.equal(timeouts[0]!.code, 'load-timeout');
    assert.match(timeouts[0]!.message, /meet\.example\.org did not answer within 1 s/);
    mock.timers.tick(10_000);
    assert.equal(timeouts.length, 1, 'reports once');
  });

  it('gives the join its own full timeout after ready, and says the page loaded', async () => {
    const { load, timeouts } = watch();
    mock.timers.tick(900);
    load.observe('ready', {});
    await settle();
    mock.timers.tick(999);
    assert.equal(timeouts.length, 0);
    mock.timers.tick(1);
    assert.equal(timeouts[0]?.code, 'load-timeout');
    assert.match(timeouts[0]!.message, /loaded but did not start within 1 s/);
  });

  it('adds the time Jitsi waits for the device prompt while the browser may still show it', async () => {
    assert.equal(DEVICE_PROMPT_ALLOWANCE_MS, 60_000);
    const { load, timeouts } = watch({ devicePrompt: true });
    load.observe('ready', {});
    await settle();
    mock.timers.tick(5999);
    assert.equal(timeouts.length, 0);
    mock.timers.tick(1);
    assert.match(timeouts[0]!.message, /within 6 s/);
  });

  const ends: [string, string, Record<string, unknown>][] = [
    ['the join', 'videoConferenceJoined', { id: 'a', roomName: 'r' }],
    ['the prejoin screen', 'prejoinScreenLoaded', { id: 'local' }],
    ['a password prompt', 'passwordRequired', {}],
    ['the lobby', 'errorOccurred', { error: { name: 'conference.connectionError.membersOnly', isFatal: false } }],
    ['a room that waits for its host', 'errorOccurred', { error: { name: 'conference.authenticationRequired' } }],
  ];
  for (const [what, name, payload] of ends) {
    it(`has no deadline after ${what}`, async () => {
      const { load, timeouts } = watch();
      load.observe('ready', {});
      await settle();
      load.observe(name as 'ready', payload);
      mock.timers.tick(60_000);
      assert.equal(timeouts.length, 0);
    });
  }

  it('keeps its deadline through events that do not settle the wait', async () => {
    const { load, timeouts } = watch();
    load.observe('browserSupport', { supported: true });
    load.observe('ready', {});
    await settle();
    load.observe('errorOccurred', { error: { name: 'conference.chatError', isFatal: false } });
    load.observe('errorOccurred', { error: 'not an object' });
    load.observe('notificationTriggered', { title: 'dialog.tokenAuthFailedTitle' });
    mock.timers.tick(1000);
    assert.equal(timeouts.length, 1);
  });

  it('reports nothing once disposed, in either step', async () => {
    const first = watch();
    first.load.dispose();
    mock.timers.tick(10_000);
    const second = watch({ devicePrompt: true });
    second.load.observe('ready', {});
    second.load.dispose();
    await settle();
    mock.timers.tick(100_000);
    assert.deepEqual([...first.timeouts, ...second.timeouts], []);
  });

  it('treats a browser that cannot say whether it will ask for the devices as one that may', async () => {
    const timeouts: MeetingError[] = [];
    const load = new MeetingLoadWatch({
      server: 'meet.example.org',
      timeoutMs: 1000,
      onTimeout: (error) => timeouts.push(error),
      devicePromptPossible: () => Promise.reject(new TypeError('camera is not a valid permission name')),
      devicePromptAllowanceMs: 5000,
    });
    load.observe('ready', {});
    await settle();
    mock.timers.tick(1000);
    assert.equal(timeouts.length, 0);
    mock.timers.tick(5000);
    assert.equal(timeouts.length, 1);
  });
});
