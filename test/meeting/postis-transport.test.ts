import { expect } from '@open-wc/testing';
import { PostisTransport } from '../../src/meeting/jitsi-wire/postis-transport.js';
import { openFakeMeetingFrame, transportTo, until, type FakeMeetingFrame } from './support/fake-meeting-frame.js';

/** Resolves with the params of the next `method` message `transport` hears. */
function nextMessage(transport: PostisTransport, method = 'message'): Promise<any> {
  return new Promise((resolve) => {
    const stop = transport.listen(method, (params) => {
      stop();
      resolve(params);
    });
  });
}

describe('PostisTransport', () => {
  const transports: PostisTransport[] = [];
  const frames: FakeMeetingFrame[] = [];
  const open = (query = '', id?: number) => {
    const meeting = openFakeMeetingFrame(query, id);
    frames.push(meeting);
    return meeting;
  };
  const connect = (...args: Parameters<typeof transportTo>) => {
    const transport = transportTo(...args);
    transports.push(transport);
    return transport;
  };
  afterEach(() => {
    transports.splice(0).forEach((transport) => transport.dispose());
    frames.splice(0).forEach((meeting) => meeting.frame.remove());
  });

  it('pings __ready__ until the page echoes it, then flushes the buffered sends in order', async () => {
    const meeting = open('?echo=off');
    const transport = connect(meeting);
    transport.send('message', { n: 1 });
    transport.send('message', { n: 2 });
    await meeting.loaded;
    await until(() => meeting.page().received.filter((m) => m.method === '__ready__').length >= 2);
    expect(transport.isReady).to.equal(false);
    expect(meeting.page().received.filter((m) => m.method === 'message')).to.deep.equal([]);
    const ping = meeting.page().received.find((m) => m.method === '__ready__' && m.params !== `page-${meeting.id}`)!;
    expect(ping.params).to.match(/^\d+-0\.\d+$/);

    meeting.page().send('__ready__', ping.params);
    await until(() => meeting.page().received.some((m) => m.method === 'message'));
    expect(transport.isReady).to.equal(true);
    transport.send('message', { n: 3 });
    await until(() => meeting.page().received.filter((m) => m.method === 'message').length === 3);
    expect(
      meeting
        .page()
        .received.filter((m) => m.method === 'message')
        .map((m) => m.params),
    ).to.deep.equal([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('sends JSON strings in the postis envelope and echoes the page’s own __ready__', async () => {
    const meeting = open();
    const transport = connect(meeting);
    const echoed = nextMessage(transport, '__ready__');
    await meeting.loaded;
    await echoed;
    transport.send('message', { type: 'event', data: { data: ['Bob'], name: 'display-name' } });
    await until(() => meeting.page().raw.some((raw) => raw.includes('display-name')));
    expect(meeting.page().raw).to.include(
      `{"postis":true,"scope":"${meeting.scope}","method":"message","params":{"type":"event","data":{"data":["Bob"],"name":"display-name"}}}`,
    );
    expect(meeting.page().raw).to.include(
      `{"postis":true,"scope":"${meeting.scope}","method":"__ready__","params":"page-${meeting.id}"}`,
    );
  });

  it('hears nothing from another origin, even with the right scope and frame', async () => {
    const meeting = open();
    // Listeners run in the order they were added: when the right transport hears a message, the wrong one has
    // already had its chance at it.
    const wrong = connect(meeting, { peerOrigin: 'https://meet.example.org' });
    const right = connect(meeting);
    const heardByWrong: unknown[] = [];
    wrong.listen('message', (params) => heardByWrong.push(params));
    wrong.listen('__ready__', (params) => heardByWrong.push(params));
    const heard = nextMessage(right);
    await meeting.loaded;
    expect(await heard).to.deep.equal({ type: 'event', data: { name: 'ready' } });
    expect(heardByWrong).to.deep.equal([]);
  });

  it('hears nothing from another frame of the same origin, nor from the host window itself', async () => {
    const meeting = open();
    const impostor = open('?ready=off', meeting.id);
    const transport = connect(meeting);
    const heard: any[] = [];
    transport.listen('message', (params) => heard.push(params));
    await Promise.all([meeting.loaded, impostor.loaded]);
    await until(() => heard.length === 1);
    impostor.page().sendEvent({ name: 'participant-joined', id: 'impostor' });
    window.postMessage(
      JSON.stringify({ postis: true, scope: meeting.scope, method: 'message', params: { from: 'host' } }),
      '*',
    );
    meeting.page().sendEvent({ name: 'sentinel' });
    await until(() => heard.length === 2);
    expect(heard.map((params) => params.data?.name ?? params)).to.deep.equal(['ready', 'sentinel']);
  });

  it('drops non-JSON, objects, other scopes and messages without postis, without throwing', async () => {
    const meeting = open('?ready=off');
    const transport = connect(meeting);
    const heard: unknown[] = [];
    transport.listen('message', (params) => heard.push(params));
    await meeting.loaded;
    const page = meeting.page();
    page.post('not json');
    page.post({ postis: true, scope: meeting.scope, method: 'message', params: 'object, not string' });
    page.post(
      JSON.stringify({ postis: true, scope: 'jitsi_meet_external_api_999', method: 'message', params: 'other scope' }),
    );
    page.post(JSON.stringify({ scope: meeting.scope, method: 'message', params: 'no postis' }));
    page.post(JSON.stringify({ postis: true, scope: meeting.scope, method: 7, params: 'bad method' }));
    page.post('null');
    page.post(undefined);
    page.send('message', 'sentinel');
    await until(() => heard.length > 0);
    expect(heard).to.deep.equal(['sentinel']);
  });

  it('keeps hearing when a listener throws, and reports the error', async () => {
    const meeting = open();
    const transport = connect(meeting);
    const reported: unknown[] = [];
    const original = window.onerror;
    window.onerror = (_message, _source, _line, _column, error) => {
      reported.push(error);
      return true;
    };
    try {
      transport.listen('message', () => {
        throw new Error('listener broke');
      });
      const heard = nextMessage(transport);
      await meeting.loaded;
      expect(await heard).to.deep.equal({ type: 'event', data: { name: 'ready' } });
      expect(reported.map((error) => (error as Error).message)).to.deep.equal(['listener broke']);
    } finally {
      window.onerror = original;
    }
  });

  it('stops listening and sending on dispose', () => {
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const posted: unknown[] = [];
    const hostWindow = {
      addEventListener: (_type: string, listener: unknown) => added.push(listener),
      removeEventListener: (_type: string, listener: unknown) => removed.push(listener),
    } as unknown as Window;
    const frameWindow = { postMessage: (data: unknown) => posted.push(data) } as unknown as Window;
    const transport = new PostisTransport({
      peer: () => frameWindow,
      peerOrigin: 'https://m.org',
      scope: 's',
      ownWindow: hostWindow,
      pingAnyOrigin: true,
    });
    expect(posted).to.have.length(1); // the first ping goes out at once
    transport.send('__ready__', 'x');
    expect(posted[1]).to.equal('{"postis":true,"scope":"s","method":"__ready__","params":"x"}');
    transport.dispose();
    transport.send('__ready__', 'y');
    expect(posted).to.have.length(2);
    expect(removed).to.have.length(1);
    expect(removed[0]).to.equal(added[0]);
  });
});
