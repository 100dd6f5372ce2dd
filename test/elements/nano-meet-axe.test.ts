/**
 * `<nano-meet>` and its broadcast button pass axe's WCAG 2.2 AA rules in every state the sandbox can bring them
 * to, with and without a branding whose colours would be unreadable as given.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetBroadcastButtonElement } from '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { FAULT_SANDBOX, refusingServer } from '../support/sandbox.js';
import { BRANDINGS, expectNoViolations, rendered } from './support/a11y-fixture.js';
import { settled, shadowButton } from './support/broadcast-button-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';
import {
  actAs,
  cleanUp,
  control,
  joined,
  meeting,
  passwordLockedRoom,
  sandbox,
  scripted,
  uniqueRoom,
} from './support/meeting-fixture.js';
import { untilState } from '../playout/playout-helpers.js';

const SILENT = '/faults/a11y-silent';

/** The states of a meeting, each brought about for real, with the element in it once it shows. */
const STATES: Record<string, (branding: string) => Promise<NanoMeetElement>> = {
  async loading(branding) {
    const info = await sandbox(FAULT_SANDBOX);
    const room = uniqueRoom();
    // The meeting page never answers: the element stays on its loading screen.
    await control(info, 'PUT', SILENT, { silentPagePaths: [`/${room}`] });
    const el = await meeting('native', { room }, { branding }, info);
    document.body.append(el);
    await untilState(el, 'loading');
    return el;
  },
  async 'waiting for the token to open'(branding) {
    const el = await meeting('native', { room: uniqueRoom(), validFrom: 600 }, { branding });
    const error = oneEvent(el, 'nano-meet-error');
    document.body.append(el);
    await error;
    return el;
  },
  async 'in the lobby'(branding) {
    const room = uniqueRoom();
    const host = await scripted(room, { name: 'Host', moderator: true });
    await actAs(room, host, 'toggle-lobby', true);
    const el = await meeting('native', { room, name: 'Guest' }, { branding });
    const lobby = oneEvent(el, 'nano-meet-error-occurred');
    document.body.append(el);
    await lobby;
    return el;
  },
  async 'asked for a password'(branding) {
    const room = await passwordLockedRoom('s3cret');
    const el = await meeting('native', { room, name: 'Late' }, { branding });
    const asked = oneEvent(el, 'nano-meet-password-required');
    document.body.append(el);
    await asked;
    return el;
  },
  async joined(branding) {
    return joined(await meeting('native', { room: uniqueRoom(), moderator: true }, { branding }));
  },
  async 'failed without a way to retry (malformed token)'(branding) {
    const el = document.createElement('nano-meet');
    el.branding = branding;
    el.token = 'not-a-token';
    document.body.append(el);
    return el;
  },
  async 'failed with Try again (load-timeout)'(branding) {
    const server = await refusingServer();
    const el = await meeting('native', { room: uniqueRoom(), server }, { branding, 'load-timeout': '0.4' });
    const error = oneEvent(el, 'nano-meet-error');
    document.body.append(el);
    await error;
    return el;
  },
  async 'left, with Rejoin'(branding) {
    const el = await joined(await meeting('native', { room: uniqueRoom() }, { branding }));
    const left = oneEvent(el, 'nano-meet-left');
    await el.hangUp();
    await left;
    return el;
  },
  async 'removed by a moderator'(branding) {
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room }, { branding }));
    const kicker = await scripted(room, { name: 'Boss', moderator: true });
    const left = oneEvent(el, 'nano-meet-left');
    await actAs(room, kicker, 'kick-participant', el.participants.find((participant) => participant.local)!.id);
    await left;
    return el;
  },
};

describe('<nano-meet> passes axe (WCAG 2.2 AA)', function () {
  this.timeout(30_000);
  afterEach(cleanUp);
  afterEach(async () => control(await sandbox(FAULT_SANDBOX), 'DELETE', SILENT));

  for (const [brandingName, branding] of Object.entries(BRANDINGS)) {
    for (const [stateName, reach] of Object.entries(STATES)) {
      it(`${stateName}, ${brandingName}`, async () => {
        const el = await reach(branding);
        await rendered(el);
        await expectNoViolations(el, `${stateName}, ${brandingName}`);
        el.remove();
      });
    }
  }
});

/** No violation in the button in `state`, which it must still be in once axe is done: axe saw that state. */
async function expectNoViolationsThroughout(toggle: NanoMeetBroadcastButtonElement, state: string): Promise<void> {
  await settled(toggle);
  expect(toggle.state).to.equal(state);
  await expectNoViolations(toggle, state);
  expect(toggle.state, `still ${state} once axe was done`).to.equal(state);
}

describe('<nano-meet-broadcast-button> passes axe (WCAG 2.2 AA)', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  it('idle, live, error (the sandbox refuses the stream) and ended', async () => {
    const streamname = `axe-${Date.now().toString(36)}`;
    const { el, toggle: control } = await joinedWithButton({ streamname });
    await expectNoViolations(control, 'idle');
    await el.startBroadcast();
    await settled(control);
    await expectNoViolations(control, 'live');
    await el.stopBroadcast();
    await settled(control);
    await expectNoViolations(control, 'ended');

    const { el: refused, toggle: other } = await joinedWithButton({ withoutFeatures: ['livestreaming'] });
    const error = oneEvent(refused, 'nano-meet-broadcast-error');
    shadowButton(other).click();
    await error;
    await settled(other);
    await expectNoViolations(other, 'error');
  });

  it('starting and stopping (Jibri made slow by the sandbox, so that they last while axe looks)', async () => {
    const streamname = `axe-slow-${Date.now().toString(36)}`;
    const info = await sandbox();
    const fault = `/faults/${streamname}`;
    await control(info, 'PUT', fault, { slowStreams: [streamname], streamDelayMs: 1500 });
    try {
      const { el, toggle } = await joinedWithButton({ streamname });
      const started = el.startBroadcast();
      await expectNoViolationsThroughout(toggle, 'starting');
      await started;
      const stopped = el.stopBroadcast();
      await expectNoViolationsThroughout(toggle, 'stopping');
      await stopped;
    } finally {
      await control(info, 'DELETE', fault);
    }
  });

  it('disabled for a guest, saying why', async () => {
    const { toggle: control } = await joinedWithButton({ moderator: false }, { guests: 'disabled' });
    await expectNoViolations(control, 'disabled');
  });
});
