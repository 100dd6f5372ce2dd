// The sandbox's /external_api.js. Its iframe points at https://meet.example.org, which the test server cannot
// be, so each meeting frame's contentWindow is replaced by a same-origin blank frame that records what is posted,
// and the page's messages are dispatched as MessageEvents from that window with the meeting's origin.
import { expect } from '@open-wc/testing';
import '../../src/sandbox/external-api/index.js';
import type { JitsiMeetExternalAPI as Api } from '../../src/sandbox/external-api/jitsi-meet-external-api.js';
import { rejectionOf, until } from './support/fake-meeting-frame.js';

const JitsiMeetExternalAPI = (window as unknown as { JitsiMeetExternalAPI: typeof Api }).JitsiMeetExternalAPI;
const ORIGIN = 'https://meet.example.org';
const contentWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;

interface FakePage {
  api: Api;
  sent: any[];
  scope: string;
  /** Posts `params` from the page (method `message`). */
  receive(params: unknown, method?: string): void;
  /** The `params.data` of every command/event the API sent. */
  commands(): any[];
  requests(): any[];
}

describe('sandbox external_api.js (JitsiMeetExternalAPI)', () => {
  const apis: Api[] = [];
  const stand: HTMLIFrameElement[] = [];
  afterEach(() => {
    apis.splice(0).forEach((api) => api.dispose());
    stand.splice(0).forEach((frame) => frame.remove());
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', contentWindow);
  });

  /** A meeting whose handshake is done. */
  async function meeting(options: ConstructorParameters<typeof Api>[1] = {}): Promise<FakePage> {
    const blank = document.createElement('iframe');
    document.body.append(blank);
    stand.push(blank);
    const win = contentWindow.get!.call(blank) as Window;
    const sent: any[] = [];
    (win as unknown as { postMessage: (data: string, origin: string) => void }).postMessage = (data, origin) => {
      const message = JSON.parse(data);
      // Only the handshake pings (a random id) may go to any origin; everything else to the meeting's alone.
      expect(origin).to.equal(message.method === '__ready__' ? '*' : ORIGIN);
      sent.push(message);
    };
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      configurable: true,
      get(this: HTMLIFrameElement) {
        return this.id.startsWith('jitsiConferenceFrame') ? win : contentWindow.get!.call(this);
      },
    });
    const api = new JitsiMeetExternalAPI('meet.example.org', {
      roomName: 'Room1',
      configOverwrite: { pip: { disabled: true } },
      ...options,
    });
    apis.push(api);
    const scope = `jitsi_meet_external_api_${api.getIFrame().id.replace('jitsiConferenceFrame', '')}`;
    const receive = (params: unknown, method = 'message') =>
      window.dispatchEvent(
        new MessageEvent('message', {
          data: JSON.stringify({ postis: true, scope, method, params }),
          origin: ORIGIN,
          source: win,
        }),
      );
    await until(() => sent.length > 0);
    receive(sent[0].params, '__ready__');
    const messages = () => sent.filter((m) => m.method === 'message').map((m) => m.params);
    return {
      api,
      sent,
      scope,
      receive,
      commands: () =>
        messages()
          .filter((p) => p.type === 'event')
          .map((p) => p.data),
      requests: () => messages().filter((p) => p.type === 'request'),
    };
  }

  it('counts instances on the page: URL id, scope and frame name go up together', async () => {
    const first = await meeting();
    const second = await meeting();
    const n = Number(first.api.getIFrame().id.replace('jitsiConferenceFrame', ''));
    expect(second.api.getIFrame().id).to.equal(`jitsiConferenceFrame${n + 1}`);
    expect(second.api.getIFrame().name).to.equal(`jitsiConferenceFrame${n + 1}`);
    expect(second.api.getIFrame().src).to.contain(`/Room1#jitsi_meet_external_api_id=${n + 1}&config.pip=`);
    expect(second.sent[0]).to.include({ postis: true, scope: `jitsi_meet_external_api_${n + 1}`, method: '__ready__' });
  });

  it('sends commands with their arguments, refuses unknown names with console.error, and passes executeCommands values as one argument', async () => {
    const { api, commands } = await meeting();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      api.executeCommand('displayName', 'Bob');
      api.executeCommand('notACommand', 1);
      // Jitsi checks `name in commands`, which lets prototype keys through; we do not.
      api.executeCommand('toString');
      api.executeCommand('hangup');
      api.executeCommands({ displayName: ['nickname'], toggleAudio: undefined });
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal([['Not supported command name.'], ['Not supported command name.']]);
    expect(commands()).to.deep.equal([
      { data: ['Bob'], name: 'display-name' },
      { data: [], name: 'video-hangup' },
      { data: [['nickname']], name: 'display-name' },
      { data: [null], name: 'toggle-audio' },
    ]);
  });

  it('sends the wrappers as their commands', async () => {
    const { api, commands } = await meeting({ width: 800, height: 600 });
    api.pinParticipant('p1');
    api.setLargeVideoParticipant('p2', 'camera');
    api.startRecording({ mode: 'file' });
    api.stopRecording('file');
    api.toggleE2EE(true);
    api.setVirtualBackground(true, 'data:,');
    api.showPiP();
    api.hidePiP();
    api.resizeLargeVideo(900, 100);
    api.resizeLargeVideo(400, 300);
    api.sendProxyConnectionEvent({ type: 'x' });
    expect(JSON.parse(JSON.stringify(commands()))).to.deep.equal([
      { data: ['p1', null], name: 'pin-participant' },
      { data: ['p2', 'camera'], name: 'set-large-video-participant' },
      { data: [{ mode: 'file' }], name: 'start-recording' },
      { data: ['file', null], name: 'stop-recording' },
      { data: [true], name: 'toggle-e2ee' },
      { data: [true, 'data:,'], name: 'set-virtual-background' },
      { data: [], name: 'show-pip' },
      { data: [], name: 'hide-pip' },
      { data: [400, 300], name: 'resize-large-video' },
      { data: [{ type: 'x' }], name: 'proxy-connection-event' },
    ]);
  });

  it('sends requests with their fields and settles them with the page’s answers', async () => {
    const { api, requests, receive } = await meeting();
    const muted = api.isAudioMuted();
    void api.getRoomsInfo();
    void api.isParticipantForceMuted('p', 'video');
    void api.setAudioInputDevice('Mic', 'id1');
    void api.isDeviceChangeAvailable('output');
    const devices = api.getAvailableDevices();
    expect(requests()).to.deep.equal([
      { type: 'request', data: { name: 'is-audio-muted' }, id: 1 },
      { type: 'request', data: { name: 'rooms-info', includeHidden: false }, id: 2 },
      { type: 'request', data: { name: 'is-participant-force-muted', participantId: 'p', mediaType: 'video' }, id: 3 },
      {
        type: 'request',
        data: { type: 'devices', name: 'setDevice', device: { id: 'id1', kind: 'audioinput', label: 'Mic' } },
        id: 4,
      },
      { type: 'request', data: { deviceType: 'output', type: 'devices', name: 'isDeviceChangeAvailable' }, id: 5 },
      { type: 'request', data: { type: 'devices', name: 'getAvailableDevices' }, id: 6 },
    ]);
    receive({ type: 'response', id: 1, result: true });
    receive({ type: 'response', id: 6, error: { message: 'no devices' } });
    expect(await muted).to.equal(true);
    expect(await devices).to.deep.equal({});
  });

  it('refuses invite([]) with TypeError and answers isDeviceListAvailable locally with a warning', async () => {
    const { api, requests } = await meeting();
    const error = await rejectionOf(api.invite([]));
    expect(error).to.be.instanceOf(TypeError);
    expect(error.message).to.equal('Invalid Argument');
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(await api.isDeviceListAvailable()).to.equal(true);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(requests()).to.deep.equal([]);
  });

  it('queues invitees from the options as request 1', async () => {
    const { requests } = await meeting({ invitees: [{ type: 'phone', number: '+1' }] });
    expect(requests()[0]).to.deep.equal({
      type: 'request',
      data: { name: 'invite', invitees: [{ type: 'phone', number: '+1' }] },
      id: 1,
    });
  });

  it('answers the synchronous getters from the events, without a Promise', async () => {
    const { api, receive } = await meeting();
    receive({
      type: 'event',
      data: {
        name: 'video-conference-joined',
        id: 'me',
        displayName: 'Ann',
        formattedDisplayName: 'Ann (me)',
        avatarURL: 'a.png',
        email: 'ann@x',
        visitor: true,
      },
    });
    receive({ type: 'event', data: { name: 'participant-joined', id: 'bob', displayName: 'Bob' } });
    receive({ type: 'event', data: { name: 'video-quality-changed', videoQuality: 720 } });
    expect(api.getNumberOfParticipants()).to.equal(2);
    expect(api.getDisplayName('bob')).to.equal('Bob');
    expect(api.getEmail('me')).to.equal('ann@x');
    expect(api.getAvatarURL('me')).to.equal('a.png');
    expect(api.getVideoQuality()).to.equal(720);
    expect(api.isVisitor()).to.equal(true);
    expect(api.getParticipantsInfo().map((p) => p.participantId)).to.deep.equal(['me', 'bob']);
    expect(api.getSupportedCommands()).to.include.members(['hangup', 'displayName', 'toggleVirtualBackgroundDialog']);
    expect(api.getSupportedEvents()).to.include.members(['readyToClose', 'participantMenuButtonClick']);
    expect(api.getIFrame()).to.be.instanceOf(HTMLIFrameElement);
  });

  it('has counted the event, and sent the e2eeKey, before its listeners hear it', async () => {
    const { api, receive, commands } = await meeting({ e2eeKey: '0aff10' });
    const seen: unknown[] = [];
    api.on('videoConferenceJoined', () =>
      seen.push(['joined', api.getNumberOfParticipants(), commands().map((command) => command.name)]),
    );
    api.on('participantJoined', () =>
      seen.push(['participant', api.getNumberOfParticipants(), api.getDisplayName('bob')]),
    );
    receive({ type: 'event', data: { name: 'video-conference-joined', id: 'me' } });
    receive({ type: 'event', data: { name: 'participant-joined', id: 'bob', displayName: 'Bob' } });
    receive({ type: 'event', data: { name: 'video-conference-joined', id: 'me' } });
    expect(seen).to.deep.equal([
      ['joined', 1, ['set-media-encryption-key']],
      ['participant', 2, 'Bob'],
      ['joined', 3, ['set-media-encryption-key']],
    ]);
    expect(commands()[0]).to.deep.equal({
      data: [JSON.stringify({ exportedKey: [10, 255, 16], index: 0 })],
      name: 'set-media-encryption-key',
    });
  });

  it('emits public events minus name, synthetic ones with no argument, and calls onload first on ready', async () => {
    const order: unknown[] = [];
    const { api, receive, commands } = await meeting({ onload: () => order.push('onload') });
    api.on('ready', (payload: unknown) => order.push(['ready', payload]));
    api.once('participantJoined', (payload: unknown) => order.push(['joined once', payload]));
    api.addListener('largeVideoChanged', (...args: unknown[]) => order.push(['largeVideoChanged', args.length]));
    receive({ type: 'event', data: { name: 'ready' } });
    receive({ type: 'event', data: { name: 'participant-joined', id: 'x', displayName: 'X' } });
    receive({ type: 'event', data: { name: 'participant-joined', id: 'y' } });
    receive({ type: 'event', data: { name: 'on-stage-participant-changed', id: 'x' } });
    expect(order).to.deep.equal([
      'onload',
      ['ready', {}],
      ['joined once', { id: 'x', displayName: 'X' }],
      ['largeVideoChanged', 0],
    ]);
    expect(commands()).to.deep.equal([{ data: [false], name: 'document-pip-capability' }]);
  });

  it('keeps EventEmitter semantics, and removeEventListener removes every listener of the event', async () => {
    const { api, receive } = await meeting();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    api.on('subjectChange', a).on('subjectChange', b).on('subjectChange', a);
    api.off('subjectChange', a);
    receive({ type: 'event', data: { name: 'subject-change', subject: 's' } });
    expect(calls).to.deep.equal(['a', 'b']);
    expect(api.listenerCount('subjectChange')).to.equal(2);
    api.addEventListeners({ subjectChange: b, tileViewChanged: a });
    api.removeEventListener('subjectChange');
    expect(api.listenerCount('subjectChange')).to.equal(0);
    api.removeEventListeners(['tileViewChanged']);
    expect(api.eventNames()).to.deep.equal([]);
    expect(api.emit('nothing')).to.equal(false);
  });

  it('emits _willDispose, removes the iframe and every listener on dispose, and sends nothing', async () => {
    const { api, sent } = await meeting();
    const seen: unknown[] = [];
    api.on('_willDispose', (...args: unknown[]) => seen.push(args.length));
    const frame = api.getIFrame();
    const before = sent.length;
    api.dispose();
    expect(seen).to.deep.equal([0]);
    expect(frame.isConnected).to.equal(false);
    expect(api.eventNames()).to.deep.equal([]);
    api.executeCommand('hangup');
    expect(sent.length).to.equal(before);
  });

  it('after dispose, as in Jitsi: a pending request never settles, a new one fails, devices are {}', async () => {
    const { api, sent } = await meeting();
    let settled = false;
    api.isAudioMuted().then(
      () => (settled = true),
      () => (settled = true),
    );
    api.dispose();
    const before = sent.length;
    const error = await rejectionOf(api.isVideoMuted());
    expect(error).to.be.instanceOf(Error);
    expect(error.message).to.equal('No transport backend defined!');
    expect((await rejectionOf(api.setAudioInputDevice('Mic'))).message).to.equal('No transport backend defined!');
    expect(await api.getAvailableDevices()).to.deep.equal({});
    expect(await api.getCurrentDevices()).to.deep.equal({});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled, 'the request pending at dispose').to.equal(false);
    expect(sent.length, 'nothing was sent after dispose').to.equal(before);
  });
});
