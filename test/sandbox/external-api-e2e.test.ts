/**
 * The sandbox end to end in a real browser: a host page loads the sandbox's external_api.js, two meetings
 * join one room, and everything travels over Jitsi's wire protocol between the iframes and this page.
 */
import { expect } from '@open-wc/testing';
import { control, sandbox, token, uniqueRoom, type SandboxInfo } from '../support/sandbox.js';
import { loadExternalApi } from './support/load-external-api.js';

interface ExternalApi {
  on(event: string, listener: (payload: any) => void): void;
  off(event: string, listener: (payload: any) => void): void;
  executeCommand(name: string, ...args: unknown[]): void;
  isAudioMuted(): Promise<boolean>;
  isVideoMuted(): Promise<boolean>;
  getRoomsInfo(): Promise<{ rooms: { participants: { id: string }[] }[] }>;
  getNumberOfParticipants(): number;
  getParticipantsInfo(): { participantId: string; displayName?: string }[];
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}
type ExternalApiClass = new (domain: string, options: Record<string, unknown>) => ExternalApi;

let info: SandboxInfo;
let JitsiMeetExternalAPI: ExternalApiClass;
const opened: ExternalApi[] = [];

/** Resolves with the payload of the next `event` that matches. */
function next(api: ExternalApi, event: string, match: (payload: any) => boolean = () => true): Promise<any> {
  return new Promise((resolve) => {
    const listener = (payload: any) => {
      if (!match(payload)) return;
      api.off(event, listener);
      resolve(payload);
    };
    api.on(event, listener);
  });
}

async function open(
  room: string,
  fields: { moderator?: boolean; name?: string } = {},
  options: Record<string, unknown> = {},
): Promise<ExternalApi> {
  const parentNode = document.createElement('div');
  parentNode.style.cssText = 'width: 480px; height: 270px';
  document.body.append(parentNode);
  const api = new JitsiMeetExternalAPI(info.server, {
    roomName: room,
    jwt: await token(info, { room, ...fields }),
    parentNode,
    ...options,
  });
  opened.push(api);
  return api;
}

before(async () => {
  info = await sandbox();
  JitsiMeetExternalAPI = await loadExternalApi<ExternalApiClass>(info);
});

afterEach(() => {
  for (const api of opened.splice(0)) api.dispose();
  document.querySelectorAll('body > div').forEach((node) => node.remove());
});

describe('Jitsi sandbox through external_api.js', () => {
  it('builds the iframe as Jitsi does, and joins with the token', async () => {
    const room = uniqueRoom();
    const api = await open(room, { moderator: true, name: 'Ann' });
    const heard: string[] = [];
    for (const event of ['browserSupport', 'ready']) api.on(event, () => heard.push(event));
    const joined = await next(api, 'videoConferenceJoined');
    expect(joined.roomName).to.equal(room);
    expect(joined.displayName).to.equal('Ann');
    // API.js init(): browser support first, then ready.
    expect(heard).to.deep.equal(['browserSupport', 'ready']);
    const iframe = api.getIFrame();
    // Jitsi's _createIFrame gives the frame no title (docs/jitsi/wire.md §2).
    expect(iframe.hasAttribute('title')).to.equal(false);
    expect(iframe.src.startsWith(`${info.url}/${room}?jwt=`)).to.equal(true);
    expect(iframe.name).to.match(/^jitsiConferenceFrame\d+$/);
    expect(iframe.allow).to.contain('camera');
  });

  it('starts muted when the URL config says startWithAudioMuted/startWithVideoMuted, as Jitsi does', async () => {
    const room = uniqueRoom();
    const muted = await open(room, {}, { configOverwrite: { startWithAudioMuted: true, startWithVideoMuted: true } });
    await next(muted, 'videoConferenceJoined');
    expect([await muted.isAudioMuted(), await muted.isVideoMuted()]).to.deep.equal([true, true]);
    const plain = await open(room);
    await next(plain, 'videoConferenceJoined');
    expect([await plain.isAudioMuted(), await plain.isVideoMuted()]).to.deep.equal([false, false]);
  });

  it('two participants see each other and chat', async () => {
    const room = uniqueRoom();
    const ann = await open(room, { moderator: true, name: 'Ann' });
    const annJoined = await next(ann, 'videoConferenceJoined');
    const bob = await open(room, { name: 'Bob' });
    const [bobJoined, annSeesBob] = await Promise.all([
      next(bob, 'videoConferenceJoined'),
      next(ann, 'participantJoined', (payload) => payload.displayName === 'Bob'),
    ]);
    expect(annSeesBob.id).to.equal(bobJoined.id);
    expect(ann.getNumberOfParticipants()).to.equal(2);
    const message = next(ann, 'incomingMessage');
    bob.executeCommand('sendChatMessage', 'hi Ann');
    expect(await message).to.include({ from: bobJoined.id, nick: 'Bob', message: 'hi Ann', privateMessage: false });
    const rooms = await bob.getRoomsInfo();
    expect(rooms.rooms[0]!.participants.map((participant) => participant.id)).to.have.members([
      annJoined.id,
      bobJoined.id,
    ]);
  });

  it('answers requests and applies commands: mute, raise hand, tile view', async () => {
    const room = uniqueRoom();
    const api = await open(room, { moderator: true });
    const joined = await next(api, 'videoConferenceJoined');
    expect(await api.isAudioMuted()).to.equal(false);
    const muted = next(api, 'audioMuteStatusChanged');
    api.executeCommand('toggleAudio');
    expect(await muted).to.deep.equal({ muted: true });
    expect(await api.isAudioMuted()).to.equal(true);
    const hand = next(api, 'raiseHandUpdated');
    api.executeCommand('toggleRaiseHand');
    expect((await hand).id).to.equal(joined.id);
    const tile = next(api, 'tileViewChanged');
    api.executeCommand('setTileView', true);
    expect(await tile).to.deep.equal({ enabled: true });
  });

  it('sees scripted participants of the control API', async () => {
    const room = uniqueRoom();
    const api = await open(room, { moderator: true });
    await next(api, 'videoConferenceJoined');
    const joined = next(api, 'participantJoined', (payload) => payload.displayName === 'Robot');
    const { id } = await control<{ id: string }>(info, 'POST', `/rooms/${room}/participants`, { name: 'Robot' });
    expect((await joined).id).to.equal(id);
    const message = next(api, 'incomingMessage');
    await control(info, 'POST', `/rooms/${room}/participants/${id}/commands`, {
      name: 'send-chat-message',
      args: ['beep'],
    });
    expect((await message).message).to.equal('beep');
  });

  it("refuses a tampered token with Jitsi's events", async () => {
    const room = uniqueRoom();
    const jwt = await token(info, { room });
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')));
    claims.moderator = true;
    const forged = `${header}.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${signature}`;
    const parentNode = document.createElement('div');
    document.body.append(parentNode);
    const api = new JitsiMeetExternalAPI(info.server, { roomName: room, jwt: forged, parentNode });
    opened.push(api);
    const error = await next(api, 'errorOccurred');
    expect(error.error).to.include({
      name: 'connection.passwordRequired',
      message: 'Invalid signature',
      type: 'CONNECTION',
      isFatal: false,
    });
  });

  it('ignores junk and foreign-origin messages without breaking the meeting', async () => {
    const room = uniqueRoom();
    const api = await open(room, { moderator: true });
    await next(api, 'videoConferenceJoined');
    const frame = api.getIFrame().contentWindow!;
    // Junk from the host itself: objects, non-JSON, wrong scope, unknown methods.
    frame.postMessage({ postis: true, scope: 'jitsi_meet_external_api_0', method: 'message', params: {} }, '*');
    frame.postMessage('not json', '*');
    frame.postMessage(
      JSON.stringify({
        postis: true,
        scope: 'other',
        method: 'message',
        params: { type: 'event', data: { name: 'video-hangup', data: [] } },
      }),
      '*',
    );
    for (let i = 0; i < 1000; i += 1)
      frame.postMessage(JSON.stringify({ postis: true, method: 'nonsense', params: i }), '*');
    // A foreign window posting a hangup in the meeting's own scope, and a fake event to this page.
    const foreign = document.createElement('iframe');
    const scope = new URL(api.getIFrame().src).hash.match(/jitsi_meet_external_api_id=(\d+)/)![1];
    const hangup = JSON.stringify({
      postis: true,
      scope: `jitsi_meet_external_api_${scope}`,
      method: 'message',
      params: { type: 'event', data: { name: 'video-hangup', data: [] } },
    });
    const fakeLeft = JSON.stringify({
      postis: true,
      scope: `jitsi_meet_external_api_${scope}`,
      method: 'message',
      params: { type: 'event', data: { name: 'video-conference-left', roomName: room } },
    });
    foreign.srcdoc = `<script>parent.frames[0].postMessage(${JSON.stringify(hangup)}, '*'); parent.postMessage(${JSON.stringify(fakeLeft)}, '*');<\/script>`;
    let left = false;
    api.on('videoConferenceLeft', () => (left = true));
    document.body.append(foreign);
    await new Promise((resolve) => foreign.addEventListener('load', resolve));
    // The meeting still answers, and is still in the conference.
    const tile = next(api, 'tileViewChanged');
    api.executeCommand('toggleTileView');
    expect(await tile).to.deep.equal({ enabled: true });
    expect(await api.isAudioMuted()).to.equal(false);
    expect(left).to.equal(false);
    foreign.remove();
  });

  it('lobby: a guest waits, the moderator admits', async () => {
    const room = uniqueRoom();
    const moderator = await open(room, { moderator: true, name: 'Mod' });
    await next(moderator, 'videoConferenceJoined');
    moderator.executeCommand('toggleLobby', true);
    // The lobby is on once a command sent after it has gone through.
    expect(await moderator.isAudioMuted()).to.equal(false);
    const knock = next(moderator, 'knockingParticipant');
    const guest = await open(room, { name: 'Guest' });
    const waiting = await next(guest, 'errorOccurred');
    expect(waiting.error.name).to.equal('conference.connectionError.membersOnly');
    const { participant } = await knock;
    const admitted = next(guest, 'videoConferenceJoined');
    moderator.executeCommand('answerKnockingParticipant', participant.id, true);
    expect((await admitted).displayName).to.equal('Guest');
  });

  it("a dropped connection reaches the host as Jitsi's connection.droppedError", async () => {
    const room = uniqueRoom();
    const api = await open(room);
    await next(api, 'videoConferenceJoined');
    const error = next(api, 'errorOccurred');
    await control(info, 'POST', `/rooms/${room}/drop`);
    expect((await error).error).to.include({ name: 'connection.droppedError', type: 'CONNECTION', isFatal: true });
  });
});
