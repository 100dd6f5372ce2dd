// The names of wire-names.ts against Jitsi's own lists, kept as data in test/fixtures/: jitsi-iframe-api.json (the
// IFrame API's commands, events and functions with their wire names, `internalName`) and jitsi-wire-names.json
// (the wire tables of Jitsi's external_api.js and API.js), in both directions, and the kebab-case rule (with its
// exceptions) that derives them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kebabCase } from '../../src/meeting/jitsi-wire/kebab-case.js';
import {
  COMMAND_NAMES,
  DEVICE_REQUEST_WIRE_NAMES,
  EVENT_NAMES,
  PAGE_REQUEST_NAMES,
  REQUEST_NAMES,
  SYNTHETIC_EVENT_NAMES,
  commandWireName,
  eventPublicName,
  eventWireName,
  isCommandName,
  pageRequestPublicName,
  requestWireName,
} from '../../src/meeting/jitsi-wire/wire-names.js';

interface ApiEntry {
  name: string;
  internalName?: string;
  async?: boolean;
  /** The wire requests the function's documentation names. */
  requests?: string[];
}
const readFixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const api: { commands: ApiEntry[]; events: ApiEntry[]; functions: ApiEntry[] } = readFixture('jitsi-iframe-api.json');
/** Jitsi's wire tables: events wire → public, commands public → wire, and the request names. */
const wire: { events: Record<string, string>; commands: Record<string, string>; requests: string[] } =
  readFixture('jitsi-wire-names.json');

/** The derived tables, public → wire, as Jitsi's source writes them. */
const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, commandWireName(name)]));
const events = Object.fromEntries(EVENT_NAMES.map((name) => [name, eventWireName(name)]));
const requests = Object.fromEntries(REQUEST_NAMES.map((name) => [name, requestWireName(name)]));

/**
 * The other current Jitsi branch's names: in the wire tables, not in the API list, which follows the 404d5b91
 * name map.
 */
const COMMANDS_ONLY_IN_WIRE_DOC = {
  setLowBandwidthMode: 'set-low-bandwidth-mode',
  setParticipantProperties: 'set-participant-properties',
};
const EVENTS_ONLY_IN_WIRE_DOC = {
  _documentPiPSignal: '_document-pip-signal',
  lowBandwidthModeChanged: 'low-bandwidth-mode-changed',
};

/**
 * Every request, public → wire. The wire tables list the wire names, the API list's docs tie a few to their
 * functions; the rest is the kebab case of the function, as in Jitsi's source.
 */
const REQUESTS = {
  captureCameraPicture: 'capture-camera-picture',
  captureLargeVideoScreenshot: 'capture-largevideo-screenshot',
  getConnectionStats: 'connection-stats',
  getContentSharingParticipants: 'get-content-sharing-participants',
  getCustomAvatarBackgrounds: 'get-custom-avatar-backgrounds',
  getDeploymentInfo: 'deployment-info',
  getLivestreamUrl: 'get-livestream-url',
  getRoomsInfo: 'rooms-info',
  getSessionId: 'session-id',
  getSharedDocumentUrl: 'get-shared-document-url',
  invite: 'invite',
  isAudioAvailable: 'is-audio-available',
  isAudioDisabled: 'is-audio-disabled',
  isAudioMuted: 'is-audio-muted',
  isModerationOn: 'is-moderation-on',
  isP2pActive: 'get-p2p-status',
  isParticipantForceMuted: 'is-participant-force-muted',
  isParticipantsPaneOpen: 'is-participants-pane-open',
  isSharingScreen: 'is-sharing-screen',
  isStartSilent: 'is-start-silent',
  isVideoAvailable: 'is-video-available',
  isVideoMuted: 'is-video-muted',
  listBreakoutRooms: 'list-breakout-rooms',
  _isNewElectronScreensharingSupported: '_new_electron_screensharing_supported',
  _openDesktopPicker: 'open-desktop-picker',
};

/** Entries of `table` (public → wire) whose wire name is not the kebab case of the public name. */
function offRule(table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).filter(([name, wire]) => wire !== kebabCase(name)));
}

const PROTOTYPE_KEYS = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'];

describe('wire-names against jitsi-iframe-api.json', () => {
  it('has every json command with its internalName', () => {
    assert.equal(api.commands.length, 74);
    for (const command of api.commands) {
      assert.equal(isCommandName(command.name), true, command.name);
      assert.equal(commandWireName(command.name as (typeof COMMAND_NAMES)[number]), command.internalName, command.name);
    }
  });

  it('has no command beyond the json except the documented variant ones', () => {
    const json = new Set(api.commands.map((command) => command.name));
    const extra = Object.fromEntries(Object.entries(commands).filter(([name]) => !json.has(name)));
    assert.deepEqual(extra, COMMANDS_ONLY_IN_WIRE_DOC);
  });

  it('maps every json event with an internalName wire → public and public → wire', () => {
    for (const event of api.events.filter((entry) => entry.internalName)) {
      assert.equal(eventPublicName(event.internalName!), event.name, event.internalName);
      assert.equal(eventWireName(event.name as (typeof EVENT_NAMES)[number]), event.internalName, event.name);
    }
  });

  it('lists the json events without an internalName as synthetic (plus _willDispose, which the json omits)', () => {
    const synthetic = api.events.filter((entry) => !entry.internalName).map((entry) => entry.name);
    assert.deepEqual([...synthetic, '_willDispose'].sort(), [...SYNTHETIC_EVENT_NAMES].sort());
  });

  it('has no event beyond the json except the documented variant ones', () => {
    const json = new Set(api.events.map((event) => event.internalName));
    const extra = Object.fromEntries(Object.entries(events).filter(([, wire]) => !json.has(wire)));
    assert.deepEqual(extra, EVENTS_ONLY_IN_WIRE_DOC);
  });

  it('names a wire request for every asynchronous json function that is a request', () => {
    // Async functions that are not one request: a local answer, or a command under the hood.
    const notRequests = new Set(['isDeviceListAvailable', 'setMediaEncryptionKey']);
    const known = new Set<string>([...REQUEST_NAMES, ...Object.keys(DEVICE_REQUEST_WIRE_NAMES)]);
    const missing = api.functions
      .filter((fn) => fn.async && !notRequests.has(fn.name) && !known.has(fn.name))
      .map((fn) => fn.name);
    assert.deepEqual(missing, []);
  });

  it('gives each function the request its json doc names ("request \'rooms-info\'")', () => {
    const documented = api.functions.flatMap((fn) => (fn.requests ?? []).map((request) => [fn.name, request] as const));
    assert.equal(documented.length, 5);
    for (const [name, wire] of documented)
      assert.equal(requestWireName(name as (typeof REQUEST_NAMES)[number]), wire, name);
  });
});

describe('wire-names against the wire tables', () => {
  it("has exactly the table's commands plus the json-only setAudioOnly", () => {
    const documented = wire.commands;
    assert.equal(Object.keys(documented).length, 75);
    assert.deepEqual(commands, { ...documented, setAudioOnly: 'set-audio-only' });
  });

  it("has exactly the table's events plus the json-only audio-only-changed, in both directions", () => {
    const documented = wire.events;
    assert.equal(Object.keys(documented).length, 80);
    const expected: Record<string, string> = { ...documented, 'audio-only-changed': 'audioOnlyChanged' };
    assert.deepEqual(Object.fromEntries(Object.entries(events).map(([name, wire]) => [wire, name])), expected);
    for (const [wire, name] of Object.entries(expected)) assert.equal(eventPublicName(wire), name, wire);
  });

  it("has the table's request names, each for its function", () => {
    assert.deepEqual([...wire.requests].sort(), Object.values(REQUESTS).sort());
    assert.deepEqual(requests, REQUESTS);
  });
});

describe('wire-names derivation', () => {
  it('derives every other command wire name as the kebab case of its name', () => {
    assert.deepEqual(offRule(commands), {
      hangup: 'video-hangup',
      sendCameraFacingMode: 'send-camera-facing-mode-message',
      toggleE2EE: 'toggle-e2ee',
      toggleVirtualBackgroundDialog: 'toggle-virtual-background',
      showPiP: 'show-pip',
      hidePiP: 'hide-pip',
    });
  });

  it('derives every other event wire name as the kebab case of its public name', () => {
    assert.deepEqual(offRule(events), {
      _documentPiPSignal: '_document-pip-signal',
      participantMenuButtonClick: 'participant-menu-button-clicked',
      readyToClose: 'video-ready-to-close',
    });
  });

  it('derives every other request wire name as the kebab case of its function', () => {
    assert.deepEqual(offRule(requests), {
      captureLargeVideoScreenshot: 'capture-largevideo-screenshot',
      getConnectionStats: 'connection-stats',
      getDeploymentInfo: 'deployment-info',
      getRoomsInfo: 'rooms-info',
      getSessionId: 'session-id',
      isP2pActive: 'get-p2p-status',
      _isNewElectronScreensharingSupported: '_new_electron_screensharing_supported',
      _openDesktopPicker: 'open-desktop-picker',
    });
  });

  it('keeps digits and underscores where they are', () => {
    assert.equal(kebabCase('p2pStatusChanged'), 'p2p-status-changed');
    assert.equal(kebabCase('_pipRequested'), '_pip-requested');
    assert.equal(kebabCase('setAssumedBandwidthBps'), 'set-assumed-bandwidth-bps');
  });

  it('lists each name once and gives no two names one wire name', () => {
    for (const names of [COMMAND_NAMES, EVENT_NAMES, REQUEST_NAMES]) assert.equal(new Set(names).size, names.length);
    for (const table of [commands, events, requests]) {
      const wires = Object.values(table);
      assert.equal(new Set(wires).size, wires.length);
    }
  });

  it('maps the page → host request wire → public', () => {
    assert.deepEqual(PAGE_REQUEST_NAMES, ['_requestDesktopSources']);
    assert.equal(pageRequestPublicName('_request-desktop-sources'), '_requestDesktopSources');
    assert.equal(pageRequestPublicName('_requestDesktopSources'), undefined);
  });
});

describe('wire-names refuses what it does not list', () => {
  it('knows no command that Jitsi lacks, nor a prototype key, nor a wire name', () => {
    for (const name of ['noSuchCommand', 'video-hangup', 'toggle-audio', '', ...PROTOTYPE_KEYS])
      assert.equal(isCommandName(name), false, name);
    for (const value of [undefined, null, 1, {}]) assert.equal(isCommandName(value), false, String(value));
  });

  it('re-emits no wire event that is not listed, nor one whose name only follows the rule', () => {
    // The kebab case of the exceptions' public names, and public names themselves, are not wire names.
    for (const wire of [
      'participant-menu-button-click',
      'ready-to-close',
      '_document-pi-p-signal',
      'participantJoined',
      'on-stage-participant-changed',
      ...PROTOTYPE_KEYS,
    ]) {
      assert.equal(eventPublicName(wire), undefined, wire);
    }
  });

  it('answers no page request but the listed one', () => {
    for (const wire of ['_request-something', ...PROTOTYPE_KEYS])
      assert.equal(pageRequestPublicName(wire), undefined, wire);
  });
});
