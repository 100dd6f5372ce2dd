import { expect } from '@open-wc/testing';
import { HostBridge, type HostBridgeOptions, type HostRequest } from '../../../src/sandbox/meeting-page/host-bridge.js';

const HOST_ORIGIN = 'https://host.example.org';
const SCOPE = 'jitsi_meet_external_api_7';

interface Posted {
  message: Record<string, unknown>;
  targetOrigin: string;
}

/** The embedding window: records what the page posts to it. */
class FakeHost {
  readonly posted: Posted[] = [];
  postMessage(message: string, targetOrigin: string): void {
    expect(message).to.be.a('string');
    this.posted.push({ message: JSON.parse(message) as Record<string, unknown>, targetOrigin });
  }
  /** Transport messages (everything but the handshake). */
  transport(): Record<string, unknown>[] {
    return this.posted
      .filter(({ message }) => message['method'] === 'message')
      .map(({ message }) => message['params'] as Record<string, unknown>);
  }
  readies(): unknown[] {
    return this.posted
      .filter(({ message }) => message['method'] === '__ready__')
      .map(({ message }) => message['params']);
  }
}

interface Harness {
  bridge: HostBridge;
  host: FakeHost;
  self: EventTarget;
  commands: [string, unknown[]][];
  requests: HostRequest[];
  /** Delivers `data` as a message event from `source` (the host unless told) at `origin`. */
  deliver(data: unknown, options?: { source?: unknown; origin?: string }): void;
  /** Sends a postis message from the host. */
  fromHost(method: string, params: unknown, options?: { scope?: string; source?: unknown; origin?: string }): void;
  /** Completes the page's handshake the way the host does: echo the page's own ping. */
  echoPing(): void;
}

const bridges: HostBridge[] = [];

function harness(options: Partial<HostBridgeOptions> = {}): Harness {
  const host = new FakeHost();
  const self = new EventTarget();
  const commands: [string, unknown[]][] = [];
  const requests: HostRequest[] = [];
  const bridge = new HostBridge({
    apiId: 7,
    host,
    self: self as unknown as HostBridgeOptions['self'],
    hostOrigin: HOST_ORIGIN,
    onCommand: (name, args) => commands.push([name, args]),
    onRequest: (data) => {
      requests.push(data);
      return { answered: data.name };
    },
    pingIntervalMs: 10_000,
    ...options,
  });
  bridges.push(bridge);
  const deliver: Harness['deliver'] = (data, { source = host, origin = HOST_ORIGIN } = {}) => {
    self.dispatchEvent(Object.assign(new Event('message'), { data, source, origin }));
  };
  const fromHost: Harness['fromHost'] = (method, params, { scope = SCOPE, ...rest } = {}) =>
    deliver(JSON.stringify({ postis: true, scope, method, params }), rest);
  bridge.start();
  return {
    bridge,
    host,
    self,
    commands,
    requests,
    deliver,
    fromHost,
    echoPing: () => fromHost('__ready__', host.readies()[0]),
  };
}

/** Lets pending promise callbacks (request answers) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('meeting page: HostBridge', () => {
  afterEach(() => {
    for (const bridge of bridges.splice(0)) bridge.dispose();
  });

  describe('handshake', () => {
    it('echoes every __ready__ from the host with the same scope and params, before its own handshake is done', () => {
      const { host, fromHost, bridge } = harness();
      fromHost('__ready__', '1795463026717-0.0066');
      fromHost('__ready__', '1795463026767-0.1234');
      expect(bridge.handshakeDone).to.equal(false);
      const echoes = host.posted.slice(1);
      expect(echoes.map(({ message }) => message)).to.deep.equal([
        { postis: true, scope: SCOPE, method: '__ready__', params: '1795463026717-0.0066' },
        { postis: true, scope: SCOPE, method: '__ready__', params: '1795463026767-0.1234' },
      ]);
      expect(echoes.every(({ targetOrigin }) => targetOrigin === HOST_ORIGIN)).to.equal(true);
    });

    it('pings its own __ready__ at start and repeats it until the host echoes it', async () => {
      const { host, echoPing, bridge } = harness({ pingIntervalMs: 5 });
      expect(host.readies()).to.have.length(1);
      await new Promise((resolve) => setTimeout(resolve, 40));
      const pings = host.readies();
      expect(pings.length).to.be.greaterThan(2);
      expect(new Set(pings).size).to.equal(1);
      echoPing();
      expect(bridge.handshakeDone).to.equal(true);
      const count = host.readies().length;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(host.readies().length).to.equal(count);
    });

    it('holds events until the handshake, then flushes them in order', () => {
      const { host, bridge, echoPing } = harness();
      bridge.send({ name: 'ready' });
      bridge.send({ name: 'browser-support', supported: true });
      expect(host.transport()).to.deep.equal([]);
      echoPing();
      expect(host.transport()).to.deep.equal([
        { type: 'event', data: { name: 'ready' } },
        { type: 'event', data: { name: 'browser-support', supported: true } },
      ]);
      bridge.send({ name: 'video-conference-joined', id: 'abcd1234', roomName: 'room1' });
      expect(host.transport().at(-1)).to.deep.equal({
        type: 'event',
        data: { name: 'video-conference-joined', id: 'abcd1234', roomName: 'room1' },
      });
    });
  });

  describe('what it accepts', () => {
    it('dispatches a command with its positional arguments', () => {
      const { fromHost, commands } = harness();
      fromHost('message', { type: 'event', data: { data: ['Bob'], name: 'display-name' } });
      fromHost('message', { type: 'event', data: { data: [], name: 'toggle-audio' } });
      expect(commands).to.deep.equal([
        ['display-name', ['Bob']],
        ['toggle-audio', []],
      ]);
    });

    it('ignores messages from any window but the host, even with the right scope and origin', () => {
      const { fromHost, commands, host } = harness();
      fromHost('message', { type: 'event', data: { data: [], name: 'toggle-audio' } }, { source: window });
      fromHost('message', { type: 'event', data: { data: [], name: 'toggle-audio' } }, { source: null });
      fromHost('__ready__', 'sibling', { source: {} });
      expect(commands).to.deep.equal([]);
      expect(host.readies()).to.have.length(1);
    });

    it('ignores messages from the host window at another origin', () => {
      const { fromHost, commands } = harness();
      fromHost(
        'message',
        { type: 'event', data: { data: [], name: 'toggle-audio' } },
        { origin: 'https://evil.example.org' },
      );
      expect(commands).to.deep.equal([]);
    });

    it('ignores other scopes, non-postis data, objects and non-JSON', () => {
      const { fromHost, deliver, commands, host } = harness();
      const command = { type: 'event', data: { data: [], name: 'toggle-audio' } };
      fromHost('message', command, { scope: 'jitsi_meet_external_api_8' });
      deliver(JSON.stringify({ scope: SCOPE, method: 'message', params: command }));
      deliver({ postis: true, scope: SCOPE, method: 'message', params: command });
      deliver('{"postis":true,');
      deliver('null');
      deliver('[1,2]');
      deliver(42);
      expect(commands).to.deep.equal([]);
      expect(host.posted).to.have.length(1);
    });

    it('accepts any origin when the host origin is unknown, but still only from the host window, and posts to "*"', () => {
      const { fromHost, commands, host } = harness({ hostOrigin: undefined });
      fromHost(
        'message',
        { type: 'event', data: { data: [1], name: 'set-video-quality' } },
        { origin: 'https://anything.example' },
      );
      fromHost(
        'message',
        { type: 'event', data: { data: [2], name: 'set-video-quality' } },
        { origin: 'https://anything.example', source: window },
      );
      expect(commands).to.deep.equal([['set-video-quality', [1]]]);
      expect(host.posted[0]!.targetOrigin).to.equal('*');
    });

    it('survives junk and floods without throwing or dispatching', () => {
      const { fromHost, deliver, commands, requests } = harness();
      const junk: unknown[] = [
        { type: 'event', data: { name: 'x', data: 'not an array' } },
        { type: 'event', data: { name: 7, data: [] } },
        { type: 'event', data: null },
        { type: 'request', data: { name: 'is-audio-muted' }, id: 'one' },
        { type: 'response', id: 1, result: true },
        { type: 'nonsense' },
        [],
        'text',
      ];
      for (let round = 0; round < 500; round += 1) {
        for (const params of junk) fromHost('message', params);
        deliver('x'.repeat(100));
      }
      deliver('x'.repeat(2_000_000));
      expect(commands).to.deep.equal([]);
      expect(requests).to.deep.equal([]);
    });

    it('does not let a throwing command handler escape', () => {
      const { fromHost } = harness({
        onCommand: () => {
          throw new Error('boom');
        },
      });
      fromHost('message', { type: 'event', data: { data: [], name: 'toggle-audio' } });
    });
  });

  describe('requests', () => {
    it('answers a request with its result, once per id, even when the host repeats it', async () => {
      const { fromHost, echoPing, host, requests } = harness();
      echoPing();
      const request = { type: 'request', data: { name: 'is-audio-muted' }, id: 1 };
      fromHost('message', request);
      fromHost('message', request);
      await settle();
      fromHost('message', request);
      await settle();
      expect(requests).to.deep.equal([{ name: 'is-audio-muted' }]);
      expect(host.transport()).to.deep.equal([{ type: 'response', id: 1, result: { answered: 'is-audio-muted' } }]);
    });

    it('passes the request data with its fields, and answers false, 0 and null as results', async () => {
      const answers: unknown[] = [false, 0, null];
      const { fromHost, echoPing, host, requests } = harness({
        onRequest: (data) => {
          requests.push(data);
          return answers.shift();
        },
      });
      echoPing();
      fromHost('message', { type: 'request', data: { name: 'is-moderation-on', mediaType: 'video' }, id: 1 });
      fromHost('message', { type: 'request', data: { name: 'is-video-muted' }, id: 2 });
      fromHost('message', { type: 'request', data: { name: 'get-p2p-status' }, id: 3 });
      await settle();
      expect(requests[0]).to.deep.equal({ name: 'is-moderation-on', mediaType: 'video' });
      expect(host.transport()).to.deep.equal([
        { type: 'response', id: 1, result: false },
        { type: 'response', id: 2, result: 0 },
        { type: 'response', id: 3, result: null },
      ]);
    });

    it('answers with error when the handler fails, and hands a nameless request over as unknown', async () => {
      const { fromHost, echoPing, host, requests } = harness({
        onRequest: (data) => {
          requests.push(data);
          if (data.name === 'connection-stats') throw new Error('not available');
          return Promise.resolve({ error: {} });
        },
      });
      echoPing();
      fromHost('message', { type: 'request', data: { name: 'connection-stats' }, id: 4 });
      fromHost('message', { type: 'request', data: 'junk', id: 5 });
      await settle();
      expect(requests[1]).to.deep.equal({ name: '' });
      expect(host.transport()).to.deep.equal([
        { type: 'response', id: 4, error: { name: 'Error', message: 'not available' } },
        { type: 'response', id: 5, result: { error: {} } },
      ]);
    });

    it('holds an answer made before the handshake until the host echoes the ping', async () => {
      const { fromHost, echoPing, host } = harness();
      fromHost('message', { type: 'request', data: { name: 'is-audio-muted' }, id: 1 });
      await settle();
      expect(host.transport()).to.deep.equal([]);
      echoPing();
      expect(host.transport()).to.deep.equal([{ type: 'response', id: 1, result: { answered: 'is-audio-muted' } }]);
    });
  });

  it('sends nothing after dispose', async () => {
    const { bridge, fromHost, host } = harness();
    bridge.dispose();
    fromHost('__ready__', 'late');
    bridge.send({ name: 'ready' });
    await settle();
    expect(host.posted).to.have.length(1);
  });

  describe('in a real iframe', () => {
    it('talks postis with the embedding page: origin and source checked by the browser', async () => {
      const iframe = document.createElement('iframe');
      iframe.src = '/test/sandbox/meeting-page/fixtures/bridge-page.html#jitsi_meet_external_api_id=3';
      const scope = 'jitsi_meet_external_api_3';
      const hostId = `host-${Math.random()}`;
      const received: Record<string, unknown>[] = [];
      const post = (method: string, params: unknown) =>
        iframe.contentWindow!.postMessage(JSON.stringify({ postis: true, scope, method, params }), '*');
      const onMessage = (event: MessageEvent) => {
        // What external_api.js checks: the iframe's origin, a JSON string, postis and the scope.
        if (event.origin !== location.origin || event.source !== iframe.contentWindow || typeof event.data !== 'string')
          return;
        const message = JSON.parse(event.data) as Record<string, unknown>;
        if (!message['postis'] || message['scope'] !== scope) return;
        if (message['method'] === '__ready__') {
          if (message['params'] === hostId) received.push({ handshake: 'echoed' });
          else post('__ready__', message['params']);
          return;
        }
        received.push(message['params'] as Record<string, unknown>);
      };
      window.addEventListener('message', onMessage);
      const ping = setInterval(() => iframe.contentWindow && post('__ready__', hostId), 50);
      document.body.append(iframe);
      try {
        const until = async (check: () => boolean) => {
          for (let tries = 0; tries < 100 && !check(); tries += 1)
            await new Promise((resolve) => setTimeout(resolve, 20));
          expect(check()).to.equal(true);
        };
        await until(() => received.some((message) => message['handshake'] === 'echoed'));
        await until(() =>
          received.some((message) => (message['data'] as Record<string, unknown> | undefined)?.['name'] === 'ready'),
        );
        post('message', { type: 'event', data: { data: ['Bob'], name: 'display-name' } });
        post('message', { type: 'request', data: { name: 'is-audio-muted' }, id: 1 });
        await until(() => received.some((message) => message['type'] === 'response'));
        await until(() =>
          received.some(
            (message) => (message['data'] as Record<string, unknown> | undefined)?.['name'] === 'command-seen',
          ),
        );
        expect(received).to.deep.include({ type: 'response', id: 1, result: { echo: { name: 'is-audio-muted' } } });
        expect(received).to.deep.include({
          type: 'event',
          data: { name: 'command-seen', command: 'display-name', args: ['Bob'] },
        });
        // A message the page sends to itself (not from its parent) is ignored.
        iframe.contentWindow!.postMessage('{}', '*');
      } finally {
        clearInterval(ping);
        window.removeEventListener('message', onMessage);
        iframe.remove();
      }
    });
  });
});
