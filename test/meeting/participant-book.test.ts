import { expect } from '@open-wc/testing';
import type { JitsiIframeClient } from '../../src/meeting/jitsi-wire/jitsi-iframe-client.js';
import { ParticipantBook, type ParticipantBookOptions } from '../../src/sandbox/external-api/participant-book.js';
import { openFakeMeeting } from './support/fake-meeting-frame.js';

describe('ParticipantBook', () => {
  const clients: JitsiIframeClient[] = [];
  /** A fixture meeting with a book on its client, made before anything else listens, as the API makes it. */
  const open = (options?: ParticipantBookOptions) => {
    const meeting = openFakeMeeting();
    clients.push(meeting.client);
    return { ...meeting, book: new ParticipantBook(meeting.client, options) };
  };
  afterEach(() => clients.splice(0).forEach((client) => client.dispose()));

  it('keeps participants, their names, emails and avatars, and counts duplicate joins', async () => {
    const { client, book } = open();
    await client.sendRequest({
      name: 'emit',
      events: [
        {
          name: 'video-conference-joined',
          id: 'me',
          displayName: 'Ann',
          formattedDisplayName: 'Ann (me)',
          avatarURL: 'a.png',
          email: 'ann@x',
          visitor: false,
        },
        { name: 'participant-joined', id: 'bob', displayName: 'Bob', formattedDisplayName: 'Bob' },
        { name: 'participant-joined', id: 'bob', displayName: 'Bob', formattedDisplayName: 'Bob' },
        { name: 'display-name-change', id: 'bob', displayname: 'Robert', formattedDisplayName: 'Robert' },
        { name: 'email-change', id: 'bob', email: 'bob@x' },
        { name: 'avatar-changed', id: 'bob', avatarURL: 'b.png' },
        { name: 'email-change', id: 'nobody', email: 'ignored' },
        { name: 'video-quality-changed', videoQuality: 360 },
      ],
    });
    expect(book.myUserId).to.equal('me');
    expect(book.isVisitor).to.equal(false);
    expect(book.numberOfParticipants).to.equal(3);
    expect(book.videoQuality).to.equal(360);
    expect(book.getParticipantsInfo()).to.deep.equal([
      { email: 'ann@x', avatarURL: 'a.png', displayName: 'Ann', formattedDisplayName: 'Ann (me)', participantId: 'me' },
      {
        displayName: 'Robert',
        formattedDisplayName: 'Robert',
        email: 'bob@x',
        avatarURL: 'b.png',
        participantId: 'bob',
      },
    ]);
    expect(book.getParticipant('nobody')).to.equal(undefined);

    await client.sendRequest({
      name: 'emit',
      events: [
        { name: 'participant-left', id: 'bob' },
        { name: 'video-conference-left', roomName: 'r' },
      ],
    });
    expect(book.numberOfParticipants).to.equal(1);
    expect(book.getParticipantsInfo()).to.deep.equal([]);
  });

  it('recounts from breakout-rooms-updated and caches prejoin names without counting', async () => {
    const { client, book } = open();
    await client.sendRequest({
      name: 'emit',
      events: [
        { name: 'prejoin-screen-loaded', id: 'pre', displayName: 'Pre', formattedDisplayName: 'Pre' },
        {
          name: 'breakout-rooms-updated',
          rooms: { main: { participants: { a: {}, b: {} } }, br1: { participants: { c: {} } }, broken: null },
        },
      ],
    });
    expect(book.getParticipant('pre')).to.deep.equal({ displayName: 'Pre', formattedDisplayName: 'Pre' });
    expect(book.numberOfParticipants).to.equal(3);
  });

  it('sends the e2eeKey as set-media-encryption-key when the conference is joined, once', async () => {
    const keyed = open({ e2eeKey: '0aff10' });
    const plain = open();
    const joinTwice = {
      name: 'emit',
      events: [
        { name: 'video-conference-joined', id: 'me' },
        { name: 'video-conference-joined', id: 'me' },
      ],
    };
    for (const { client } of [keyed, plain]) {
      await client.sendRequest(joinTwice);
      await client.sendRequest({ name: 'echo' });
    }
    const keysOf = ({ page }: typeof keyed) =>
      page()
        .received.filter((m) => m.params?.data?.name === 'set-media-encryption-key')
        .map((m) => m.params.data.data);
    expect(keysOf(keyed)).to.deep.equal([[JSON.stringify({ exportedKey: [10, 255, 16], index: 0 })]]);
    expect(keysOf(plain)).to.deep.equal([]);
  });

  it('is up to date, and has sent the key, when the public listeners hear the event', async () => {
    const { client, transport, book } = open({ e2eeKey: '0aff10' });
    const sent: string[] = [];
    const send = transport.send.bind(transport);
    transport.send = (method, params) => {
      sent.push((params as { data?: { name?: string } }).data?.name ?? '');
      send(method, params);
    };
    const seen: unknown[] = [];
    client.on('videoConferenceJoined', () =>
      seen.push(['joined', book.myUserId, book.numberOfParticipants, sent.includes('set-media-encryption-key')]),
    );
    client.onAnyEvent(
      (name) =>
        name === 'participantJoined' &&
        seen.push(['any', book.getParticipant('bob')?.displayName, book.numberOfParticipants]),
    );
    await client.sendRequest({
      name: 'emit',
      events: [
        { name: 'video-conference-joined', id: 'me' },
        { name: 'participant-joined', id: 'bob', displayName: 'Bob' },
      ],
    });
    expect(seen).to.deep.equal([
      ['joined', 'me', 1, true],
      ['any', 'Bob', 2],
    ]);
  });
});
