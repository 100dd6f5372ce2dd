/**
 * A meeting that does not open ends in an error with a way to try again, never in an endless spinner (issue 14
 * item 6): a server that refuses connections, a host that does not resolve, a page that never answers the
 * handshake, and one that answers and never joins. A meeting that waits for a person has no deadline.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { MeetingLoader, NanoMeetElement } from '../../src/elements/nano-meet.js';
import {
  actAs,
  cleanUp,
  control,
  meeting,
  passwordLockedRoom,
  roomWhere,
  sandbox,
  scripted,
  uniqueRoom,
} from './support/meeting-fixture.js';
import { FAULT_SANDBOX, refusingServer } from '../support/sandbox.js';
import { loadExternalApi } from '../../src/meeting/load-external-api.js';
import { earlyExternalScript, noneFailsAtOnce, unloadedServer } from './support/load-timeout-cases.js';

const FAULT = '/faults/load-timeout';
/** Short, so that the tests wait little: the meeting never gets as far as its page here. */
const LOAD_TIMEOUT = { 'load-timeout': '0.4' };

/** Mounts the element and checks that it ends in a visible load-timeout with a Try again button. */
async function timesOut(el: NanoMeetElement): Promise<{ message: string; retry: HTMLButtonElement }> {
  const error = oneEvent(el, 'nano-meet-error');
  document.body.append(el);
  const { detail } = await error;
  expect(detail.code).to.equal('load-timeout');
  await el.updateComplete;
  expect(el.state).to.equal('error');
  expect(el.iframe).to.equal(undefined);
  const alert = el.shadowRoot!.querySelector('[part="status"].error')!;
  expect(alert.textContent).to.contain(detail.message);
  const retry = alert.querySelector('button')!;
  expect(retry.textContent).to.equal('Try again');
  return { message: detail.message, retry };
}

function still(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('<nano-meet> and a meeting that does not open', () => {
  afterEach(cleanUp);
  afterEach(async () => control(await sandbox(FAULT_SANDBOX), 'DELETE', FAULT));

  it('ends in load-timeout for a server that refuses connections', async () => {
    const server = await refusingServer();
    const el = await meeting('native', { room: uniqueRoom(), server }, LOAD_TIMEOUT);
    const { message } = await timesOut(el);
    expect(message).to.contain(`${server} did not answer within 0.4 s`);
  });

  it('ends in load-timeout for a host that does not resolve', async () => {
    const el = await meeting('native', { room: uniqueRoom(), server: 'meet.nano-meet.invalid' }, LOAD_TIMEOUT);
    expect((await timesOut(el)).message).to.contain('meet.nano-meet.invalid did not answer');
  });

  for (const loader of ['native', 'external'] satisfies MeetingLoader[]) {
    it(`${loader}: ends in load-timeout for a page that never answers the handshake; Try again joins once it does`, async () => {
      const info = await sandbox(FAULT_SANDBOX);
      const room = uniqueRoom();
      await control(info, 'PUT', FAULT, { silentPagePaths: [`/${room}`] });
      // The server's script loaded first (once a page, load-external-api.ts), so that the short deadline is the
      // page's alone: on a busy machine the script itself took longer, and the test saw script-load-failed.
      if (loader === 'external') await loadExternalApi(info.server);
      const el = await meeting(loader, { room }, LOAD_TIMEOUT, info);
      const { message, retry } = await timesOut(el);
      expect(message).to.contain('did not answer');
      await control(info, 'DELETE', FAULT);
      el.loadTimeout = 30;
      const ready = oneEvent(el, 'nano-meet-ready');
      retry.click();
      await ready;
      expect(el.state).to.equal('joined');
    });

    it(`${loader}: ends in load-timeout for a page that answers but never joins`, async () => {
      const info = await sandbox(FAULT_SANDBOX);
      const room = uniqueRoom();
      await control(info, 'PUT', FAULT, { stuckJoinPaths: [`/${room}`] });
      // The page must load and say ready within the first deadline, so it is longer here.
      const el = await meeting(loader, { room }, { 'load-timeout': '2' }, info);
      expect((await timesOut(el)).message).to.contain('loaded but did not start within 2 s');
    });
  }

  // setTimeout fires at once for more than 2^31−1 ms (24.8 days): a longer load-timeout failed the meeting at once.
  // It is taken as the longest wait a timer holds (meeting-settings.ts), which is no deadline for any meeting.
  const BEYOND_TIMERS = ['2200000', 'Infinity'];

  it('takes a load-timeout beyond what a timer holds as the longest it holds: waits for a silent server', async () => {
    await noneFailsAtOnce(BEYOND_TIMERS);
  });

  for (const seconds of BEYOND_TIMERS) {
    it(`external, load-timeout="${seconds}": the server's script is waited for, and opens the meeting`, async () => {
      const server = await unloadedServer();
      const el = await meeting(
        'external',
        { room: uniqueRoom(), server },
        { 'load-timeout': seconds },
        await sandbox(1),
      );
      el.allowedServers = server;
      const codes: string[] = [];
      el.addEventListener('nano-meet-error', (event) => codes.push(event.detail.code));
      document.body.append(el);
      // The script's Jitsi API puts up the meeting's iframe; the script that failed at once put up nothing.
      for (let waited = 0; !el.iframe && !codes.includes('script-load-failed') && waited < 5000; waited += 50) {
        await still(50);
      }
      expect(codes).to.not.include('script-load-failed');
      expect(new URL(el.iframe!.src).host).to.equal(server);
    });
  }

  it('external, before the element has arrived: the core waits for the server’s script as long too', async () => {
    expect(typeof (await earlyExternalScript('2200000'))).to.equal('function');
  });

  // The page must still load and reach the waiting screen within the deadline, so it is longer here.
  const WAITING = { 'load-timeout': '1.5' };

  /** Mounts the element, waits for `waiting`, then for longer than a deadline could last: nothing may fail. */
  async function waitsWithoutDeadline(el: NanoMeetElement, waiting: Promise<unknown>): Promise<void> {
    const errors: string[] = [];
    el.addEventListener('nano-meet-error', (event) => errors.push(event.detail.code));
    document.body.append(el);
    await waiting;
    await still(1800);
    expect(errors).to.deep.equal([]);
    expect(el.state).to.equal('loading');
  }

  it('has no deadline while a guest waits in the lobby', async () => {
    const room = uniqueRoom();
    const host = await scripted(room, { name: 'Host', moderator: true });
    await actAs(room, host, 'toggle-lobby', true);
    const guest = await meeting('native', { room, name: 'Guest' }, WAITING);
    await waitsWithoutDeadline(guest, oneEvent(guest, 'nano-meet-error-occurred'));
    expect(guest.shadowRoot!.textContent).to.contain('Waiting for a moderator');
    const knocking = await roomWhere(room, (state) =>
      state.participants.some((participant) => participant.phase === 'lobby'),
    );
    const ready = oneEvent(guest, 'nano-meet-ready');
    const id = knocking.participants.find((participant) => participant.phase === 'lobby')!.id;
    await actAs(room, host, 'answer-knocking-participant', id, true);
    await ready;
  });

  it('has no deadline while the meeting asks for a password', async () => {
    const room = await passwordLockedRoom('s3cret');
    const late = await meeting('native', { room, name: 'Late' }, WAITING);
    await waitsWithoutDeadline(late, oneEvent(late, 'nano-meet-password-required'));
    await late.submitPassword('s3cret');
    expect(late.state).to.equal('joined');
  });
});
