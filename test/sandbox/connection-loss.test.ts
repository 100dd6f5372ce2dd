/**
 * The sandbox's meeting page when its connection or its page goes away, as a Jitsi page behaves: silent once the
 * host disposed it or it unloads (docs/jitsi/wire.md §10, docs/jitsi/failures.md S5), a short break of its
 * connection resumed without a word, a long one reported with the drop sequence of docs/jitsi/failures.md S8.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, roomEmpty, snapshot } from '../elements/support/meeting-fixture.js';
import { FAULT_SANDBOX, control, sandbox, token, uniqueRoom, type SandboxInfo } from '../support/sandbox.js';
import { loadExternalApi } from './support/load-external-api.js';

/** The sandbox whose resume timing is short (web-test-runner.config.mjs): a 50 ms unit. */
const RESUME_UNIT_MS = 50;

interface Heard {
  method: string;
  type?: string;
  data?: { name?: string; [field: string]: unknown };
}

/** Everything the page at `origin` posts to this window from now on. */
function listen(origin: string): { messages: Heard[]; names(): string[]; stop(): void } {
  const messages: Heard[] = [];
  const listener = (event: MessageEvent) => {
    if (event.origin !== origin || typeof event.data !== 'string') return;
    const { method, params } = JSON.parse(event.data);
    messages.push({ method, ...params });
  };
  window.addEventListener('message', listener);
  return {
    messages,
    names: () => messages.map((message) => message.data?.name ?? message.method),
    stop: () => window.removeEventListener('message', listener),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once the page at `origin` has posted nothing for `ms`: the join sequence is over. */
async function quiet(origin: string, ms = 300): Promise<void> {
  const heard = listen(origin);
  let count = -1;
  while (count !== heard.messages.length) {
    count = heard.messages.length;
    await sleep(ms);
  }
  heard.stop();
}

interface ExternalApi {
  on(event: string, listener: (payload: unknown) => void): void;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}
type ExternalApiClass = new (domain: string, options: Record<string, unknown>) => ExternalApi;

async function myId(room: string, info: SandboxInfo): Promise<string> {
  const page = (await snapshot(room, info)).participants.find((participant) => participant.name !== 'Robot');
  if (!page) throw new Error('The page is not in the room.');
  return page.id;
}

describe('sandbox meeting page: silent once it is gone', () => {
  let info: SandboxInfo;
  let JitsiMeetExternalAPI: ExternalApiClass;
  before(async () => {
    info = await sandbox();
    JitsiMeetExternalAPI = await loadExternalApi<ExternalApiClass>(info);
  });
  afterEach(cleanUp);

  /** A meeting through external_api.js, joined, with its join sequence over. */
  async function joinedApi(room: string): Promise<ExternalApi> {
    const parentNode = document.body.appendChild(document.createElement('div'));
    const api = new JitsiMeetExternalAPI(info.server, { roomName: room, jwt: await token(info, { room }), parentNode });
    await new Promise((resolve) => api.on('videoConferenceJoined', resolve));
    await quiet(info.url);
    return api;
  }

  it('posts nothing to the host after the host disposed the meeting (external_api.js)', async () => {
    const room = uniqueRoom('dispose');
    const api = await joinedApi(room);
    const frameHolder = api.getIFrame().parentElement!;
    const heard = listen(info.url);
    api.dispose();
    await roomEmpty(room);
    await sleep(500);
    heard.stop();
    frameHolder.remove();
    expect(heard.names()).to.deep.equal([]);
  });

  it('posts nothing after <nano-meet> is removed, and the others see it leave at once', async () => {
    const room = uniqueRoom('removed');
    const el = await joined(await meeting('native', { room }));
    await quiet(info.url);
    const heard = listen(info.url);
    el.remove();
    // Jitsi's page leaves the conference as it unloads; the server would otherwise keep it for its 60 s hibernation.
    await roomEmpty(room);
    await sleep(500);
    heard.stop();
    expect(heard.names()).to.deep.equal([]);
  });

  it('on unload says only that it left (videoConferenceLeft), then nothing as its connection goes', async () => {
    const room = uniqueRoom('unload');
    const api = await joinedApi(room);
    const frameHolder = api.getIFrame().parentElement!;
    const heard = listen(info.url);
    api.getIFrame().src = 'about:blank';
    await roomEmpty(room);
    await sleep(500);
    heard.stop();
    api.dispose();
    frameHolder.remove();
    expect(heard.names()).to.deep.equal(['video-conference-left']);
  });
});

describe('sandbox meeting page: a break of its connection (docs/jitsi/failures.md S8)', () => {
  let info: SandboxInfo;
  before(async () => {
    info = await sandbox(FAULT_SANDBOX);
  });
  afterEach(cleanUp);

  async function inMeeting(room: string): Promise<NanoMeetElement> {
    const el = await joined(await meeting('native', { room, moderator: true }, {}, info));
    await quiet(info.url);
    return el;
  }

  it('resumes a short break without a word to the host, and the meeting goes on', async () => {
    const room = uniqueRoom('short_break');
    const el = await inMeeting(room);
    const id = await myId(room, info);
    const heard = listen(info.url);
    const errors: unknown[] = [];
    el.addEventListener('nano-meet-error', (event) => errors.push(event.detail));
    await control(info, 'POST', `/rooms/${room}/participants/${id}/break`, { ms: 2 * RESUME_UNIT_MS });
    // While the page is cut off: someone joins, and the host raises its hand (settles once the meeting confirms).
    await control(info, 'POST', `/rooms/${room}/participants`, { name: 'Robot' });
    await el.raiseHand();
    expect((await el.getParticipants()).map((participant) => participant.displayName)).to.include('Robot');
    const me = (await snapshot(room, info)).participants.find((participant) => participant.id === id);
    expect(me).to.include({ handRaised: true, resumes: 1 });
    // Longer than every try of a drop together (39 units): a drop would have been reported by now.
    await sleep(40 * RESUME_UNIT_MS);
    heard.stop();
    expect(heard.names()).to.include('participant-joined');
    expect(heard.names()).not.to.include('error-occurred');
    expect(errors).to.deep.equal([]);
    expect(el.state).to.equal('joined');
  });

  it('reports a long break after its tries with the drop sequence; <nano-meet> shows the connection lost', async () => {
    const room = uniqueRoom('long_break');
    const el = await inMeeting(room);
    const id = await myId(room, info);
    const heard = listen(info.url);
    const failed = oneEvent(el, 'nano-meet-error');
    const started = performance.now();
    // Longer than every try together (at most 39 units).
    await control(info, 'POST', `/rooms/${room}/participants/${id}/break`, { ms: 120 * RESUME_UNIT_MS });
    const { detail } = await failed;
    const elapsed = performance.now() - started;
    // The element heard the message first; this page's own listener comes after it.
    await sleep(100);
    heard.stop();
    // Three tries first, 1.5 + 3 + 4.5 units at the least: a drop is never reported at once.
    expect(elapsed).to.be.at.least(9 * RESUME_UNIT_MS);
    expect(detail).to.include({ code: 'connection-lost', jitsiName: 'connection.otherError' });
    // Every try failed to connect: lib-jitsi-meet names the drop by Strophe's CONNFAIL, with its text; no
    // credentials; no videoConferenceLeft, no readyToClose.
    const events = heard.messages.filter((message) => message.type === 'event').map((message) => message.data!);
    expect(events.map((event) => event.name)).to.deep.equal(['error-occurred']);
    const { error } = events[0] as { error: Record<string, unknown> };
    expect(error).to.deep.include({
      name: 'connection.otherError',
      message: 'The WebSocket connection could not be established or was disconnected.',
      type: 'CONNECTION',
      isFatal: true,
    });
    expect(Object.keys(error).sort()).to.deep.equal(['details', 'isFatal', 'message', 'name', 'type']);
    expect(error['details']).to.have.keys(['suspend_time', 'time_since_last_success']);
    await el.updateComplete;
    expect(el.state).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[part="status"].error');
    expect(alert?.textContent).to.contain('The connection to the meeting was lost.');
  });

  it('reports a session the server no longer has as dropped, on its first try', async () => {
    const room = uniqueRoom('dropped');
    const el = await inMeeting(room);
    const heard = listen(info.url);
    const failed = oneEvent(el, 'nano-meet-error');
    await control(info, 'POST', `/rooms/${room}/drop`);
    expect((await failed).detail.jitsiName).to.equal('connection.droppedError');
    await sleep(100);
    heard.stop();
    const [event] = heard.messages.filter((message) => message.type === 'event').map((message) => message.data!);
    // Prosody refuses the resume of a session it no longer has: <failed><item-not-found/></failed>.
    expect(event).to.deep.include({ name: 'error-occurred' });
    const { error } = event as { error: unknown };
    expect(error).to.deep.include({ name: 'connection.droppedError', message: 'item-not-found', isFatal: true });
  });
});
