/**
 * Conformance with Jitsi's IFrame API list (test/fixtures/jitsi-iframe-api.json): every command in it reaches the sandbox's
 * meeting page by its wire name and is handled (or accepted as a UI-only command); moderator-only commands
 * from a guest change nothing; every event the sandbox sends is a real Jitsi event name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../../src/sandbox/server/commands.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { call, mintToken, NodePage } from './support/node-page.js';

interface ApiList {
  commands: { name: string; internalName: string; moderatorOnly: boolean; args: { name: string }[] }[];
  events: { name: string; internalName?: string }[];
}
const api = JSON.parse(readFileSync(new URL('../fixtures/jitsi-iframe-api.json', import.meta.url), 'utf8')) as ApiList;
const WIRE_EVENTS = new Set(api.events.map((event) => event.internalName ?? event.name));
/** Sent by the real page but consumed by external_api.js, not re-emitted (docs/jitsi/wire.md §6). */
const INTERNAL_EVENTS = new Set([
  'on-stage-participant-changed',
  'large-video-visibility-changed',
  'on-prejoin-video-changed',
  'local-storage-changed',
]);
/** Commands after which the page is out of the meeting. */
const LEAVING = new Set(['video-hangup', 'end-conference']);

/** Plausible arguments, so that each handler gets past its input checks. */
function argsFor(command: string, otherId: string): unknown[] {
  const byName: Record<string, unknown[]> = {
    'display-name': ['Renamed'],
    email: ['x@example.org'],
    'avatar-url': ['https://example.org/a.png'],
    password: ['pw'],
    'toggle-lobby': [true],
    'start-share-video': ['https://example.org/video.mp4'],
    subject: ['A subject'],
    'local-subject': ['Mine'],
    'kick-participant': [otherId],
    'grant-moderator': [otherId],
    'mute-remote-participant': [otherId, 'audio'],
    'mute-everyone': ['audio'],
    'pin-participant': [otherId],
    'set-large-video-participant': [otherId],
    'send-chat-message': ['hi'],
    'send-endpoint-text-message': [otherId, 'ping'],
    'initiate-private-chat': [otherId],
    'set-follow-me': [true],
    'set-tile-view': [true],
    'toggle-moderation': [true, 'audio'],
    'start-recording': [{ mode: 'stream', rtmpStreamKey: 'conformance' }],
    'stop-recording': ['stream'],
    'set-video-quality': [360],
  };
  return byName[command] ?? [];
}

let sandbox: RunningSandbox;
const pages: NodePage[] = [];
let roomCounter = 0;

async function pair(): Promise<{ moderator: NodePage; guest: NodePage; room: string }> {
  roomCounter += 1;
  const room = `conformance_${roomCounter}`;
  const moderator = await NodePage.open(
    sandbox,
    `/${room}`,
    await mintToken(sandbox, { room, moderator: true, name: 'Mod' }),
  );
  const guest = await NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room, name: 'Guest' }));
  await guest.next('video-conference-joined');
  await moderator.next('participant-joined', (event) => event['id'] === guest.id);
  pages.push(moderator, guest);
  return { moderator, guest, room };
}

async function snapshot(room: string): Promise<unknown> {
  return (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json();
}

before(async () => {
  sandbox = await startSandbox({ media: false });
});
after(async () => {
  for (const page of pages) page.close();
  await sandbox.close();
});

describe('sandbox: every command of the shared list', () => {
  it('has a handler for each wire name, and none that Jitsi lacks', () => {
    const wireNames = api.commands.map((command) => command.internalName);
    assert.deepEqual(
      wireNames.filter((name) => !Object.hasOwn(COMMANDS, name)),
      [],
    );
    // `set-audio-only` is the other current branch's name for set-low-bandwidth-mode (docs/jitsi/wire.md §8).
    assert.deepEqual(
      Object.keys(COMMANDS).filter((name) => !wireNames.includes(name) && name !== 'set-audio-only'),
      [],
    );
  });

  for (const command of api.commands) {
    it(`${command.name} (${command.internalName}) runs for a moderator and leaves the room working`, async () => {
      const { moderator, guest } = await pair();
      const answer = await moderator.command(command.internalName, ...argsFor(command.internalName, guest.id));
      assert.equal(typeof answer, 'object');
      if (LEAVING.has(command.internalName)) {
        await moderator.next('video-conference-left');
        return;
      }
      // The page still answers: nothing the command did broke the room.
      assert.equal(typeof (await moderator.request('is-audio-muted')), 'boolean');
    });
  }

  for (const command of api.commands.filter((entry) => entry.moderatorOnly && entry.internalName !== 'password')) {
    it(`${command.name} from a guest changes nothing for the others`, async () => {
      const { moderator, guest, room } = await pair();
      const before = await snapshot(room);
      const seen = moderator.events.length;
      await guest.command(command.internalName, ...argsFor(command.internalName, moderator.id));
      // A round trip through the room after the command: anything it caused has been sent by then.
      await guest.command('send-chat-message', 'after');
      await moderator.next('incoming-message', (event) => event['message'] === 'after', seen);
      assert.deepEqual(await snapshot(room), before);
      assert.deepEqual(
        moderator.events.slice(seen).map((event) => event.name),
        ['incoming-message'],
      );
    });
  }
});

describe('sandbox: event names', () => {
  it('sends only events that a real Jitsi page sends', () => {
    const sent = new Set(pages.flatMap((page) => page.names()));
    assert.ok(sent.size > 15, `the scenarios above exercised ${sent.size} events`);
    assert.deepEqual(
      [...sent].filter((name) => !WIRE_EVENTS.has(name) && !INTERNAL_EVENTS.has(name)),
      [],
    );
  });
});
