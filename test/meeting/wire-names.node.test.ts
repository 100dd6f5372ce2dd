// The one name table against shared/jitsi-iframe-api.json (`internalName`) and shared/jitsi-wire.md (§7, §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  COMMAND_WIRE_NAMES,
  DEVICE_REQUEST_WIRE_NAMES,
  EVENT_PUBLIC_NAMES,
  REQUEST_WIRE_NAMES,
  SYNTHETIC_EVENT_NAMES,
} from '../../src/meeting/jitsi-wire/wire-names.js';

interface ApiEntry {
  name: string;
  internalName?: string;
  async?: boolean;
}
const api: { commands: ApiEntry[]; events: ApiEntry[]; functions: ApiEntry[] } = JSON.parse(
  readFileSync(new URL('../../../shared/jitsi-iframe-api.json', import.meta.url), 'utf8'),
);
const wireDoc = readFileSync(new URL('../../../shared/jitsi-wire.md', import.meta.url), 'utf8');

/** The first code block of section `n` of jitsi-wire.md. */
function codeBlockOf(section: number): string {
  const body = wireDoc.split(`\n## ${section}.`)[1]!.split('\n## ')[0]!;
  return body.split('```')[1]!;
}

/**
 * The other current Jitsi branch's names (jitsi-wire.md §7/§8 "Variant"): in the table, not in the json, which
 * follows the 404d5b91 map.
 */
const COMMANDS_ONLY_IN_WIRE_DOC = { setLowBandwidthMode: 'set-low-bandwidth-mode', setParticipantProperties: 'set-participant-properties' };
const EVENTS_ONLY_IN_WIRE_DOC = { '_document-pip-signal': '_documentPiPSignal', 'low-bandwidth-mode-changed': 'lowBandwidthModeChanged' };

describe('wire-names against jitsi-iframe-api.json', () => {
  it('has every json command with its internalName', () => {
    assert.equal(api.commands.length, 74);
    for (const command of api.commands) assert.equal(COMMAND_WIRE_NAMES[command.name as keyof typeof COMMAND_WIRE_NAMES], command.internalName, command.name);
  });

  it('has no command beyond the json except the documented variant ones', () => {
    const json = new Set(api.commands.map((command) => command.name));
    const extra = Object.fromEntries(Object.entries(COMMAND_WIRE_NAMES).filter(([name]) => !json.has(name)));
    assert.deepEqual(extra, COMMANDS_ONLY_IN_WIRE_DOC);
  });

  it('maps every json event with an internalName to its public name', () => {
    for (const event of api.events.filter((entry) => entry.internalName)) {
      assert.equal(EVENT_PUBLIC_NAMES[event.internalName as keyof typeof EVENT_PUBLIC_NAMES], event.name, event.internalName);
    }
  });

  it('lists the json events without an internalName as synthetic (plus _willDispose, which the json omits)', () => {
    const synthetic = api.events.filter((entry) => !entry.internalName).map((entry) => entry.name);
    assert.deepEqual([...synthetic, '_willDispose'].sort(), [...SYNTHETIC_EVENT_NAMES].sort());
  });

  it('has no event beyond the json except the documented variant ones', () => {
    const json = new Set(api.events.map((event) => event.internalName));
    const extra = Object.fromEntries(Object.entries(EVENT_PUBLIC_NAMES).filter(([wire]) => !json.has(wire)));
    assert.deepEqual(extra, EVENTS_ONLY_IN_WIRE_DOC);
  });

  it('names a wire request for every asynchronous json function that is a request', () => {
    // Async functions that are not one request: a local answer, or a command under the hood.
    const notRequests = new Set(['isDeviceListAvailable', 'setMediaEncryptionKey']);
    const requests = { ...REQUEST_WIRE_NAMES, ...DEVICE_REQUEST_WIRE_NAMES };
    const missing = api.functions.filter((fn) => fn.async && !notRequests.has(fn.name) && !(fn.name in requests)).map((fn) => fn.name);
    assert.deepEqual(missing, []);
    assert.equal(REQUEST_WIRE_NAMES.isAudioMuted, 'is-audio-muted');
    assert.equal(REQUEST_WIRE_NAMES.getRoomsInfo, 'rooms-info');
    assert.equal(REQUEST_WIRE_NAMES.getLivestreamUrl, 'get-livestream-url');
  });
});

describe('wire-names against jitsi-wire.md', () => {
  it('has exactly the §8 commands plus the json-only setAudioOnly', () => {
    const documented = Object.fromEntries([...codeBlockOf(8).matchAll(/(\w+):([a-z0-9-]+)/g)].map(([, name, wire]) => [name, wire]));
    assert.equal(Object.keys(documented).length, 75);
    assert.deepEqual(COMMAND_WIRE_NAMES, { ...documented, setAudioOnly: 'set-audio-only' });
  });

  it('has exactly the §7 events plus the json-only audio-only-changed', () => {
    const documented = Object.fromEntries([...codeBlockOf(7).matchAll(/([_a-z0-9-]+)→(\w+)/g)].map(([, wire, name]) => [wire, name]));
    assert.equal(Object.keys(documented).length, 80);
    assert.deepEqual(EVENT_PUBLIC_NAMES, { ...documented, 'audio-only-changed': 'audioOnlyChanged' });
  });

  it('has the §9 request names', () => {
    // The list runs from the line after the heading to the device requests.
    const list = wireDoc.split('\n## 9.')[1]!.split('Devices (')[0]!;
    const documented = [...list.slice(list.indexOf('\n')).matchAll(/`([_a-z0-9-]+)[` ]/g)].map(([, wire]) => wire);
    assert.deepEqual([...new Set(documented)].sort(), Object.values(REQUEST_WIRE_NAMES).sort());
  });
});
