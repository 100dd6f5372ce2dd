import { expect } from '@open-wc/testing';
import { JitsiRequestError, type JitsiIframeClient } from '../../src/meeting/jitsi-wire/jitsi-iframe-client.js';
import { ParticipantBook } from '../../src/sandbox/external-api/participant-book.js';
import { commandWireName } from '../../src/meeting/jitsi-wire/wire-names.js';
import { nextEvent, openFakeMeeting, rejectionOf, until } from './support/fake-meeting-frame.js';

describe('JitsiIframeClient', () => {
  const clients: JitsiIframeClient[] = [];
  const open = (...args: Parameters<typeof openFakeMeeting>) => {
    const meeting = openFakeMeeting(...args);
    clients.push(meeting.client);
    return meeting;
  };
  afterEach(() => clients.splice(0).forEach((client) => client.dispose()));

  describe('requests', () => {
    it('numbers requests from 1 per instance and resolves with the result', async () => {
      const { client, page, scope } = open();
      expect(await client.sendRequest({ name: 'is-audio-muted' })).to.equal(true);
      expect(page().raw).to.include(
        `{"postis":true,"scope":"${scope}","method":"message","params":{"type":"request","data":{"name":"is-audio-muted"},"id":1}}`,
      );
      const other = open().client;
      await other.sendRequest({ name: 'is-audio-muted' });
      expect(await client.sendRequest({ name: 'echo', extra: 'field' })).to.deep.equal({
        name: 'echo',
        extra: 'field',
      });
      expect(page().received.at(-1)!.params.id).to.equal(2);
    });

    it('resolves false, 0 and null, which are defined results', async () => {
      const { client } = open();
      expect(await client.sendRequest({ name: 'is-video-muted' })).to.equal(false);
      expect(await client.sendRequest({ name: 'session-id' })).to.equal(0);
      expect(await client.sendRequest({ name: 'rooms-info' })).to.equal(null);
    });

    it('rejects with the page’s error as sent, or with Unexpected response format! when there is neither', async () => {
      const { client } = open();
      expect(await rejectionOf(client.sendRequest({ name: 'fail' }))).to.deep.equal({ message: 'not available' });
      const error = await rejectionOf(client.sendRequest({ name: 'no-result' }));
      expect(error).to.be.instanceOf(Error);
      expect(error.message).to.equal('Unexpected response format!');
    });

    it('takes the first answer to an id and ignores the second and answers to ids nobody asked', async () => {
      const { client, page } = open();
      expect(await client.sendRequest({ name: 'twice' })).to.equal('first');
      page().respond(1, { result: 'answered already' });
      page().respond(99, { result: 'never asked' });
      expect(await client.sendRequest({ name: 'echo' })).to.deep.equal({ name: 'echo' });
    });

    it('rejects with code timeout when requestTimeoutMs passes without an answer', async () => {
      const { client } = open('', { requestTimeoutMs: 500 });
      const error = await rejectionOf(client.sendRequest({ name: 'unanswered' }));
      expect(error).to.be.instanceOf(JitsiRequestError);
      expect(error.code).to.equal('timeout');
      expect(error.message).to.contain('unanswered');
      expect(await client.sendRequest({ name: 'is-audio-muted' })).to.equal(true);
    });

    it('answers _request-desktop-sources through onPageRequest, once', async () => {
      const calls: unknown[] = [];
      const { client, page } = open('', {
        onPageRequest: (name, request, respond) => {
          calls.push([name, request]);
          respond({ sources: [] });
          respond('again');
        },
      });
      await client.sendRequest({ name: 'echo' });
      page().send('message', { type: 'request', data: { name: 'unknown-page-request' }, id: 6 });
      page().send('message', {
        type: 'request',
        data: { name: '_request-desktop-sources', options: { types: ['screen'] } },
        id: 7,
      });
      await until(() => page().raw.some((raw) => raw.includes('"type":"response"')));
      expect(calls).to.deep.equal([
        ['_requestDesktopSources', { name: '_requestDesktopSources', options: { types: ['screen'] } }],
      ]);
      expect(page().raw.filter((raw) => raw.includes('"type":"response"'))).to.deep.equal([
        `{"postis":true,"scope":"${page().scope}","method":"message","params":{"type":"response","id":7,"result":{"sources":[]}}}`,
      ]);
    });
  });

  describe('commands and events', () => {
    it('calls onload on ready, then sends document-pip-capability, then emits ready', async () => {
      const order: string[] = [];
      const { client, page, scope } = open('', { onload: () => order.push('onload'), documentPiPCapable: () => true });
      client.on('ready', (payload) => order.push(`ready ${JSON.stringify(payload)}`));
      await nextEvent(client, 'ready');
      expect(order).to.deep.equal(['onload', 'ready {}']);
      await client.sendRequest({ name: 'echo' });
      expect(page().raw).to.include(
        `{"postis":true,"scope":"${scope}","method":"message","params":{"type":"event","data":{"data":[true],"name":"document-pip-capability"}}}`,
      );
    });

    it('sends commands by wire name with their arguments as given', async () => {
      const { client, page } = open();
      client.sendCommand(commandWireName('displayName'), ['Bob']);
      client.sendCommand(commandWireName('hangup'));
      client.sendCommand('proxy-connection-event', [{ a: undefined }]);
      await client.sendRequest({ name: 'echo' });
      const events = page()
        .received.filter((m) => m.params?.type === 'event')
        .map((m) => m.params.data);
      expect(events).to.deep.equal([
        { data: ['Bob'], name: 'display-name' },
        { data: [], name: 'video-hangup' },
        { data: [{}], name: 'proxy-connection-event' },
        { data: [false], name: 'document-pip-capability' },
      ]);
    });

    it('emits public names with the payload minus name; unmapped wire events reach only onWireEvent', async () => {
      const { client } = open();
      const publicEvents: unknown[] = [];
      const wireEvents: unknown[] = [];
      client.onAnyEvent((name, payload) => publicEvents.push([name, payload]));
      client.onWireEvent((name, payload) => wireEvents.push([name, payload]));
      const kicked = nextEvent(client, 'participantMenuButtonClick');
      await client.sendRequest({
        name: 'emit',
        events: [
          { name: 'participant-menu-button-clicked', key: 'k', participantId: 'p' },
          { name: 'video-ready-to-close' },
          { name: 'no-such-event', x: 1 },
        ],
      });
      expect(await kicked).to.deep.equal({ key: 'k', participantId: 'p' });
      expect(publicEvents).to.deep.include.members([
        ['participantMenuButtonClick', { key: 'k', participantId: 'p' }],
        ['readyToClose', {}],
      ]);
      expect(publicEvents.some(([name]: any) => name === 'no-such-event')).to.equal(false);
      expect(wireEvents).to.deep.include(['no-such-event', { x: 1 }]);
    });

    it('lets the wire listeners hear each event before its public listeners do', async () => {
      const { client } = open();
      const order: string[] = [];
      client.onAnyEvent((name) => order.push(`any ${name}`));
      client.on('participantJoined', () => order.push('on participantJoined'));
      client.onWireEvent((name) => order.push(`wire ${name}`));
      await client.sendRequest({ name: 'emit', events: [{ name: 'participant-joined', id: 'a' }] });
      expect(order.filter((entry) => !entry.endsWith('ready'))).to.deep.equal([
        'wire participant-joined',
        'on participantJoined',
        'any participantJoined',
      ]);
    });
  });

  describe('internal events', () => {
    it('emits largeVideoChanged and prejoinVideoChanged for the internal events', async () => {
      const { client } = open();
      const seen: unknown[] = [];
      client.onAnyEvent((name) => seen.push(name));
      await client.sendRequest({
        name: 'emit',
        events: [
          { name: 'on-stage-participant-changed', id: 'x' },
          { name: 'large-video-visibility-changed', isVisible: false },
          { name: 'on-prejoin-video-changed', isVisible: true },
        ],
      });
      expect(seen.filter((name) => name !== 'ready')).to.deep.equal([
        'largeVideoChanged',
        'largeVideoChanged',
        'prejoinVideoChanged',
      ]);
    });

    it('writes local-storage-changed to jitsiLocalStorage and does not emit it', async () => {
      const stored: unknown[] = [];
      const { client } = open('', { storage: { setItem: (key, value) => stored.push([key, value]) } });
      const seen: unknown[] = [];
      client.onAnyEvent((name) => seen.push(name));
      await client.sendRequest({
        name: 'emit',
        events: [{ name: 'local-storage-changed', localStorageContent: '{"a":1}' }],
      });
      expect(stored).to.deep.equal([['jitsiLocalStorage', '{"a":1}']]);
      expect(seen.filter((name) => name !== 'ready')).to.deep.equal([]);
    });
  });

  describe('robustness', () => {
    it('survives a flood of 10,000 junk messages and keeps its state and its requests', async () => {
      const { client } = open();
      const book = new ParticipantBook(client);
      const seen: unknown[] = [];
      client.onWireEvent((name) => seen.push(name));
      await client.sendRequest({ name: 'emit', events: [{ name: 'participant-joined', id: 'a' }] });
      expect(await client.sendRequest({ name: 'flood', count: 10_000 })).to.equal(true);
      expect(await client.sendRequest({ name: 'is-audio-muted' })).to.equal(true);
      expect(book.numberOfParticipants).to.equal(1);
      expect(book.getParticipantsInfo().map((p) => p.participantId)).to.deep.equal(['a']);
      // The only junk that is a valid event is the unknown name; it counts nothing.
      expect(new Set(seen)).to.deep.equal(new Set(['ready', 'participant-joined', 'no-such-event']));
    });
  });

  describe('dispose', () => {
    it('emits _willDispose, rejects pending requests with code disposed and removes the iframe', async () => {
      const { client, frame } = open();
      await client.sendRequest({ name: 'echo' });
      const seen: unknown[] = [];
      client.on('_willDispose', () => seen.push('_willDispose'));
      const pending = client.sendRequest({ name: 'unanswered' });
      client.dispose();
      const error = await rejectionOf(pending);
      expect(error.code).to.equal('disposed');
      expect(seen).to.deep.equal(['_willDispose']);
      expect(frame.isConnected).to.equal(false);
      expect((await rejectionOf(client.sendRequest({ name: 'echo' }))).code).to.equal('disposed');
    });

    it('can leave pending requests pending, as Jitsi does', async () => {
      const { client } = open('', { pendingOnDispose: 'abandon' });
      let settled = false;
      void client.sendRequest({ name: 'unanswered' }).finally(() => (settled = true));
      client.dispose();
      await new Promise((resolve) => setTimeout(resolve));
      expect(settled).to.equal(false);
    });
  });
});
