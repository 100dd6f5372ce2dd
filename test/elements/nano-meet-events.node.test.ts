// The DOM names under which <nano-meet> re-emits Jitsi's events (src/elements/nano-meet/nano-meet-events.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domEventName, isReemittedJitsiEvent } from '../../src/elements/nano-meet/nano-meet-events.js';
import { EVENT_NAMES, SYNTHETIC_EVENT_NAMES } from '../../src/meeting/jitsi-wire/wire-names.js';

const publicNames: string[] = [...EVENT_NAMES, ...SYNTHETIC_EVENT_NAMES];
const ownEventNames = [
  'nano-meet-ready',
  'nano-meet-error',
  'nano-meet-token-expiring',
  'nano-meet-state-change',
  'nano-meet-left',
];

describe('domEventName', () => {
  it('gives every public Jitsi event name of the table a valid custom event name', () => {
    assert.equal(publicNames.length, 84);
    for (const name of publicNames) assert.match(domEventName(name), /^nano-meet-[a-z][a-z0-9]*(-[a-z0-9]+)*$/, name);
  });

  it('gives no two public names the same event name', () => {
    const domNames = publicNames.map(domEventName);
    assert.equal(new Set(domNames).size, publicNames.length);
  });

  it('turns each capital into a dash and its lower case', () => {
    assert.equal(domEventName('videoConferenceJoined'), 'nano-meet-video-conference-joined');
    assert.equal(domEventName('participantJoined'), 'nano-meet-participant-joined');
    assert.equal(domEventName('log'), 'nano-meet-log');
  });

  it('keeps digits inside their word', () => {
    assert.equal(domEventName('p2pStatusChanged'), 'nano-meet-p2p-status-changed');
  });

  it('follows the public name where the wire name differs', () => {
    assert.equal(domEventName('participantMenuButtonClick'), 'nano-meet-participant-menu-button-click');
    assert.equal(domEventName('readyToClose'), 'nano-meet-ready-to-close');
  });

  it('drops the leading underscore of a private name', () => {
    assert.equal(domEventName('_willDispose'), 'nano-meet-will-dispose');
    assert.equal(domEventName('_pipRequested'), 'nano-meet-pip-requested');
  });
});

describe('isReemittedJitsiEvent', () => {
  it('re-emits every public Jitsi event but the private ones and ready', () => {
    const skipped = publicNames.filter((name) => !isReemittedJitsiEvent(name));
    assert.deepEqual(skipped.sort(), ['_documentPiPSignal', '_pipRequested', '_willDispose', 'ready']);
  });

  it('leaves the element its own event names', () => {
    const reemitted: string[] = publicNames.filter((name) => isReemittedJitsiEvent(name)).map(domEventName);
    for (const own of ownEventNames) assert.equal(reemitted.includes(own), false, own);
  });
});
