/**
 * The sandbox's rooms, driven through the same page protocol the meeting page uses: joins and refusals
 * (docs/jitsi/failures.md S1–S5), several participants, every meeting action and its events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type MediaServer, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { call, mintToken, NodePage } from './support/node-page.js';

let sandbox: RunningSandbox;
let roomCounter = 0;
const started: string[] = [];

/** A fake media server: the studio itself is tested on its own; here only the control plane matters. */
const media: MediaServer & { release?: () => void; fail?: boolean } = {
  async start(streamName) {
    started.push(streamName);
    if (media.fail) throw new Error('no studio');
    await new Promise<void>((resolve) => (media.release = resolve));
  },
  async stop() {
    return { vod: false };
  },
  viewUrl: (streamName) => `https://view.example/${streamName}`,
  handle: async () => false,
  close: async () => undefined,
};

before(async () => {
  sandbox = await startSandbox({ media });
});
after(() => sandbox.close());

function newRoom(): string {
  roomCounter += 1;
  return `room_${roomCounter}`;
}

/** The name of the error the page first heard (events precede the first view on the stream), if any. */
async function firstErrorName(page: NodePage): Promise<string | undefined> {
  await page.viewWhere(() => true);
  const first = page.events.find(
    (event) => event.name === 'error-occurred' || event.name === 'video-conference-joined',
  );
  return (first?.['error'] as { name?: string } | undefined)?.name;
}

async function join(room: string, fields: Record<string, unknown> = {}, path = `/${room}`): Promise<NodePage> {
  return NodePage.open(sandbox, path, await mintToken(sandbox, { room, ...fields }));
}

/** A moderator in `room`, joined, who has then sent `command` (a password to lock it, the lobby turned on…). */
async function hostIn(room: string, fields: Record<string, unknown>, ...command: [string, ...unknown[]]) {
  const host = await join(room, { moderator: true, ...fields });
  await host.next('video-conference-joined');
  await host.command(...command);
  return host;
}

describe('sandbox: joining', () => {
  it('lets a moderator in with the join sequence a Jitsi page sends', async () => {
    const room = newRoom();
    const page = await join(room, { moderator: true, name: 'Ann' });
    const joined = await page.next('video-conference-joined');
    assert.equal(joined['roomName'], room);
    assert.equal(joined['displayName'], 'Ann');
    assert.equal(joined['formattedDisplayName'], 'Ann (me)');
    assert.match(String(joined['id']), /^[0-9a-f]{8}$/);
    await page.next('participant-role-changed', (event) => event['role'] === 'moderator');
    await page.next('conference-created-timestamp');
    page.close();
  });

  it('refuses a tampered token at connect, as Prosody does (S1)', async () => {
    const room = newRoom();
    const token = await mintToken(sandbox, { room });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.moderator = true;
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const page = await NodePage.open(sandbox, `/${room}`, forged);
    assert.deepEqual(page.names(), ['notification-triggered', 'error-occurred']);
    const error = page.events[1]!['error'] as Record<string, unknown>;
    assert.equal(error['name'], 'connection.passwordRequired');
    assert.equal(error['message'], 'Invalid signature');
    assert.equal(error['type'], 'CONNECTION');
    assert.equal(error['isFatal'], false);
  });

  it("refuses an expired token with Prosody's reason and the client-side reasons toast", async () => {
    const room = newRoom();
    const page = await join(room, { validFrom: -7200, validFor: 3600 });
    assert.deepEqual(page.events[0], {
      name: 'notification-triggered',
      title: 'dialog.tokenAuthFailedTitle',
      description: 'dialog.tokenAuthFailedWithReasons',
    });
    assert.equal((page.events[1]!['error'] as Record<string, unknown>)['message'], 'Not acceptable by exp');
  });

  it('refuses a token signed with another secret', async () => {
    const other = await startSandbox({ media: false });
    try {
      const room = newRoom();
      const token = await mintToken(other, { room, server: sandbox.server });
      const page = await NodePage.open(sandbox, `/${room}`, token);
      assert.equal((page.events[1]!['error'] as Record<string, unknown>)['message'], 'Invalid signature');
    } finally {
      await other.close();
    }
  });

  it('refuses a valid token for another room at the join (S2)', async () => {
    const token = await mintToken(sandbox, { room: 'room_a' });
    const page = await NodePage.open(sandbox, '/room_b', token);
    assert.deepEqual(page.events, [
      {
        name: 'error-occurred',
        error: {
          name: 'conference.connectionError.notAllowed',
          params: ['general', 'Room and token mismatched'],
          type: 'CONFERENCE',
          isFatal: false,
        },
      },
      { name: 'notification-triggered', title: 'dialog.tokenAuthFailed' },
    ]);
  });

  it('compares rooms lower-cased, as Jitsi does', async () => {
    const page = await NodePage.open(
      sandbox,
      '/Mixed_Case_Room',
      await mintToken(sandbox, { room: 'mixed_case_room' }),
    );
    assert.equal((await page.next('video-conference-joined'))['roomName'], 'mixed_case_room');
    page.close();
  });

  it('refuses a page into a full room as Jitsi does: conference.max_users, then its toast', async () => {
    const room = newRoom();
    for (let count = 0; count < 100; count += 1) {
      const added = await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants`, { name: `P${count}` });
      assert.equal(added.status, 200);
    }
    const page = await join(room);
    assert.deepEqual(page.events, [
      {
        name: 'error-occurred',
        error: { name: 'conference.max_users', params: [], type: 'CONFERENCE', isFatal: false },
      },
      {
        name: 'notification-triggered',
        title: 'dialog.maxUsersLimitReachedTitle',
        description: 'dialog.maxUsersLimitReached',
      },
    ]);
    const more = await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants`, { name: 'One more' });
    assert.equal(more.status, 503, 'a test scripting into a full room is told so');
  });

  it('asks for a token when there is none', async () => {
    const page = await NodePage.open(sandbox, `/${newRoom()}`, undefined);
    // Only the error: the token toast needs a token; Prosody says why, Jitsi's login path makes it recoverable.
    assert.deepEqual(page.events, [
      {
        name: 'error-occurred',
        error: {
          name: 'connection.passwordRequired',
          message: 'token required',
          credentials: {},
          recoverable: true,
          type: 'CONNECTION',
          isFatal: false,
        },
      },
    ]);
  });

  it('answers a malformed join with 400 and keeps serving', async () => {
    assert.equal((await call(sandbox, 'POST', '/_sandbox/join', '{not json')).status, 400);
    assert.equal((await call(sandbox, 'POST', '/_sandbox/join', { path: 42 })).status, 400);
    assert.equal((await call(sandbox, 'POST', '/_sandbox/join', { path: '/a/b/c' })).status, 400);
    assert.equal((await call(sandbox, 'POST', '/_sandbox/join', { path: '/a', startMuted: { audio: 1 } })).status, 400);
    assert.equal((await call(sandbox, 'POST', '/_sandbox/join', 'x', { 'content-type': 'text/plain' })).status, 415);
    const page = await join(newRoom());
    await page.next('video-conference-joined');
    page.close();
  });

  it('refuses commands without the session secret', async () => {
    const page = await join(newRoom());
    await page.next('video-conference-joined');
    const answer = await call(
      sandbox,
      'POST',
      `/_sandbox/rooms/${page.roomKey}/command`,
      { name: 'toggle-raise-hand', args: [] },
      { 'x-sandbox-session': 'guess' },
    );
    assert.equal(answer.status, 404);
    page.close();
  });
});

describe('sandbox: two participants', () => {
  it('see each other join, chat, raise hands and leave', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true, name: 'Ann' });
    await ann.next('video-conference-joined');
    const bob = await join(room, { name: 'Bob' });
    await bob.next('video-conference-joined');
    await bob.next('participant-joined', (event) => event['id'] === ann.id);
    await ann.next('participant-joined', (event) => event['id'] === bob.id && event['displayName'] === 'Bob');

    await bob.command('send-chat-message', 'hello Ann');
    const incoming = await ann.next('incoming-message');
    assert.equal(incoming['from'], bob.id);
    assert.equal(incoming['nick'], 'Bob');
    assert.equal(incoming['message'], 'hello Ann');
    assert.equal(incoming['privateMessage'], false);
    await bob.next('outgoing-message', (event) => event['message'] === 'hello Ann');

    await ann.command('send-chat-message', 'psst', bob.id);
    assert.equal((await bob.next('incoming-message', (event) => event['message'] === 'psst'))['privateMessage'], true);

    await bob.command('toggle-raise-hand');
    const raised = await ann.next('raise-hand-updated', (event) => event['id'] === bob.id);
    assert.ok(Number(raised['handRaised']) > 0);
    await bob.command('toggle-raise-hand');
    await ann.next('raise-hand-updated', (event) => event['id'] === bob.id && event['handRaised'] === 0);

    bob.close();
    await ann.next('participant-left', (event) => event['id'] === bob.id);
    ann.close();
  });

  it("follow-me: the moderator's tile view is applied to everyone", async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await bob.next('video-conference-joined');
    await ann.command('set-follow-me', true);
    await ann.command('set-tile-view', true);
    await ann.next('tile-view-changed', (event) => event['enabled'] === true);
    await bob.next('tile-view-changed', (event) => event['enabled'] === true);
    await bob.viewWhere((view) => view.tileView);
    ann.close();
    bob.close();
  });

  it('lobby: a guest knocks, the moderator hears it and admits; another is refused', async () => {
    const room = newRoom();
    const ann = await hostIn(room, { name: 'Ann' }, 'toggle-lobby', true);
    const bob = await join(room, { name: 'Bob' });
    const waiting = await bob.next('error-occurred');
    assert.equal((waiting['error'] as Record<string, unknown>)['name'], 'conference.connectionError.membersOnly');
    assert.equal((waiting['error'] as Record<string, unknown>)['recoverable'], true);
    const knock = await ann.next('knocking-participant');
    assert.deepEqual(knock['participant'], { id: bob.id, name: 'Bob' });
    await ann.command('answer-knocking-participant', bob.id, true);
    await bob.next('video-conference-joined');
    await ann.next('participant-joined', (event) => event['id'] === bob.id);

    const eve = await join(room, { name: 'Eve' });
    await ann.next('knocking-participant', (event) => (event['participant'] as { id: string }).id === eve.id);
    await ann.command('answer-knocking-participant', eve.id, false);
    await eve.next(
      'error-occurred',
      (event) => (event['error'] as { name: string }).name === 'conference.connectionError.accessDenied',
    );
    assert.ok(eve.ended, 'the refused guest is sent away');
    ann.close();
    bob.close();
  });

  it('password: a locked room asks, a wrong password asks again, the right one lets in', async () => {
    const room = newRoom();
    const ann = await hostIn(room, {}, 'password', 's3cret');
    const bob = await join(room);
    await bob.next('password-required');
    await bob.command('password', 'wrong');
    await bob.next('password-required', () => true, bob.names().indexOf('password-required') + 1);
    await bob.command('password', 's3cret');
    await bob.next('video-conference-joined');
    ann.close();
    bob.close();
  });

  it('lobby: a moderator token knocks too, and is a moderator once admitted (docs/jitsi/tokens.md §0.1)', async () => {
    const room = newRoom();
    const ann = await hostIn(room, { name: 'Ann' }, 'toggle-lobby', true);
    const cid = await join(room, { moderator: true, name: 'Cid' });
    assert.equal(await firstErrorName(cid), 'conference.connectionError.membersOnly');
    await ann.next('knocking-participant', (event) => (event['participant'] as { id: string }).id === cid.id);
    await ann.command('answer-knocking-participant', cid.id, true);
    await cid.next('video-conference-joined');
    await cid.next('participant-role-changed', (event) => event['id'] === cid.id && event['role'] === 'moderator');
    ann.close();
    cid.close();
  });

  it('lobby: the password command of someone still knocking does nothing, moderator token or not', async () => {
    const room = newRoom();
    const ann = await hostIn(room, { name: 'Ann' }, 'toggle-lobby', true);
    const cid = await join(room, { moderator: true, name: 'Cid' });
    const bob = await join(room, { name: 'Bob' });
    await cid.command('password', 'taken-over');
    await bob.command('password', 'guessed');
    const state = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{ locked: boolean }>();
    assert.equal(state.locked, false);
    await ann.command('answer-knocking-participant', bob.id, true);
    await bob.next('video-conference-joined');
    assert.equal(bob.names().includes('notification-triggered'), false, 'no lock-failed toast');
    for (const page of [ann, bob, cid]) page.close();
  });

  it('password: a locked room asks a moderator token for it too', async () => {
    const room = newRoom();
    const ann = await hostIn(room, {}, 'password', 's3cret');
    const cid = await join(room, { moderator: true });
    assert.equal(await firstErrorName(cid), 'conference.passwordRequired');
    await cid.next('password-required');
    await cid.command('password', 's3cret');
    await cid.next('video-conference-joined');
    ann.close();
    cid.close();
  });

  it('lobby and password: the lobby asks first; admitted, no password; the password passes the lobby', async () => {
    const room = newRoom();
    const ann = await hostIn(room, { name: 'Ann' }, 'password', 's3cret');
    // Bob arrives while the room is only locked, and is asked for the password.
    const bob = await join(room, { name: 'Bob' });
    await bob.next('password-required');
    await ann.command('toggle-lobby', true);
    // Dan arrives with both on: the lobby gate comes before the password check.
    const dan = await join(room, { name: 'Dan' });
    assert.equal(await firstErrorName(dan), 'conference.connectionError.membersOnly');
    await ann.command('answer-knocking-participant', dan.id, true);
    await dan.next('video-conference-joined');
    assert.equal(dan.names().includes('password-required'), false);
    // Bob gives the right password: that join passes the lobby turned on meanwhile.
    await bob.command('password', 's3cret');
    const after = await bob.viewWhere((view) => view.phase !== 'password');
    assert.equal(after.phase, 'joined', 'the password took Bob past the lobby');
    await bob.next('video-conference-joined');
    for (const page of [ann, bob, dan]) page.close();
  });

  it('kick: the kicked one hears it and leaves; the others see the kick, then the departure (S5)', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true, name: 'Ann' });
    const bob = await join(room, { name: 'Bob' });
    await bob.next('video-conference-joined');
    await ann.next('participant-joined', (event) => event['id'] === bob.id);
    await ann.command('kick-participant', bob.id);
    const kicked = await bob.next('participant-kicked-out');
    assert.deepEqual(kicked, {
      name: 'participant-kicked-out',
      kicked: { id: bob.id, name: 'Bob', local: true },
      kicker: { id: ann.id, name: 'Ann' },
    });
    await bob.next('video-conference-left');
    await bob.next('video-ready-to-close');
    const seen = await ann.next('participant-kicked-out');
    assert.deepEqual(seen['kicker'], { id: ann.id, local: true, name: 'Ann' });
    await ann.next('participant-left', (event) => event['id'] === bob.id);
    ann.close();
  });

  it('grant moderator: roles change on the fly; mute everyone mutes the others', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await bob.next('video-conference-joined');
    await bob.command('mute-everyone', 'audio');
    await ann.command('grant-moderator', bob.id);
    await bob.next('participant-role-changed', (event) => event['id'] === bob.id && event['role'] === 'moderator');
    assert.ok(!ann.names().includes('audio-mute-status-changed'), 'a guest could not mute everyone');
    await bob.command('mute-everyone', 'audio');
    await ann.next('audio-mute-status-changed', (event) => event['muted'] === true);
    await bob.next('participant-muted', (event) => event['id'] === ann.id && event['mediaType'] === 'audio');
    assert.equal(await ann.request('is-audio-muted'), true);
    ann.close();
    bob.close();
  });

  it('moderation: a guest is force-muted while it is on, a moderator never is', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await bob.next('video-conference-joined');
    await ann.command('toggle-moderation', true, 'audio');
    await bob.next('moderation-status-changed', (event) => event['enabled'] === true);
    const forceMuted = (id: string, mediaType: string) =>
      bob.request('is-participant-force-muted', { participantId: id, mediaType });
    assert.deepEqual(
      [await forceMuted(bob.id, 'audio'), await forceMuted(ann.id, 'audio'), await forceMuted(bob.id, 'video')],
      [true, false, false],
    );
    ann.close();
    bob.close();
  });

  it('shared video, subject and avatar reach everyone', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await bob.next('video-conference-joined');
    await ann.command('start-share-video', 'https://youtu.be/dQw4w9WgXcQ');
    await bob.next(
      'audio-or-video-sharing-toggled',
      (event) => event['value'] === 'playing' && event['participantId'] === ann.id,
    );
    assert.equal((await bob.viewWhere((view) => view.sharedVideo !== undefined)).sharedVideo?.kind, 'youtube');
    await ann.command('stop-share-video');
    await bob.next('audio-or-video-sharing-toggled', (event) => event['value'] === 'stop');

    await ann.command('subject', 'Quarterly review');
    await bob.next('subject-change', (event) => event['subject'] === 'Quarterly review');
    await bob.command('avatar-url', 'https://example.org/bob.png');
    await ann.next(
      'avatar-changed',
      (event) => event['id'] === bob.id && event['avatarURL'] === 'https://example.org/bob.png',
    );
    await bob.command('set-virtual-background', true, 'https://example.org/bg.png');
    await bob.viewWhere((view) => view.virtualBackground);
    ann.close();
    bob.close();
  });

  it("sets the page's config.subject once joined, as Jitsi's page: a moderator's at once, a guest's when made moderator", async () => {
    /** A page of `room` whose config says `subject` (docs/jitsi/branding.md §1: on Jitsi's config whitelist). */
    const withSubject = async (room: string, subject: string, fields: Record<string, unknown> = {}) => {
      const page = await NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room, ...fields }), { subject });
      await page.next('video-conference-joined');
      return page;
    };
    const isModerator = (id: string) => (view: { participants: { id: string; moderator: boolean }[] }) =>
      view.participants.some((participant) => participant.id === id && participant.moderator);

    // A moderator's is the room's subject as soon as the conference is joined, for everyone who comes after too.
    const room = newRoom();
    const ann = await withSubject(room, 'Town hall', { moderator: true });
    await ann.next('subject-change', (event) => event['subject'] === 'Town hall');
    // A guest's waits; the room's own subject, which the guest hears on joining, drops it.
    const bob = await withSubject(room, 'Bob’s topic');
    await bob.next('subject-change', (event) => event['subject'] === 'Town hall');
    await ann.command('grant-moderator', bob.id);
    assert.equal((await bob.viewWhere(isModerator(bob.id))).subject, 'Town hall');
    assert.ok(!bob.events.some((event) => event['subject'] === 'Bob’s topic'), 'nothing set from the dropped one');

    // In a room without a subject, the guest's waits until the guest becomes moderator.
    const quiet = newRoom();
    const dan = await join(quiet, { moderator: true });
    await dan.next('video-conference-joined');
    const eve = await withSubject(quiet, 'Eve’s agenda');
    assert.equal((await dan.viewWhere((view) => view.participants.length === 2)).subject, '', 'not while a guest');
    // A guest's `subject` command in the conference is no subject at all, then or later (only a moderator's is).
    await eve.command('subject', 'Eve’s command');
    await dan.command('grant-moderator', eve.id);
    await dan.next('subject-change', (event) => event['subject'] === 'Eve’s agenda');
    assert.ok(!dan.events.some((event) => event['subject'] === 'Eve’s command'));
    for (const page of [ann, bob, dan, eve]) page.close();
  });

  it("a guest's moderator-only commands are refused as Jitsi refuses them (S7)", async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await bob.next('video-conference-joined');
    await ann.next('participant-joined', (event) => event['id'] === bob.id);
    // Logged only (visible through the `log` event).
    assert.deepEqual(await bob.command('grant-moderator', ann.id), {
      log: { level: 'error', args: ['Missing moderator rights to grant moderator right to another participant'] },
    });
    assert.deepEqual(await bob.command('mute-remote-participant', ann.id, 'audio'), {
      log: { level: 'error', args: ['Missing moderator rights to mute remote participant'] },
    });
    for (const [command, what] of [
      ['add-breakout-room', 'add breakout rooms'],
      ['auto-assign-to-breakout-rooms', 'auto-assign participants to breakout rooms'],
      ['close-breakout-room', 'close breakout rooms'],
      ['remove-breakout-room', 'remove breakout rooms'],
      ['send-participant-to-room', 'send participants to rooms'],
    ]) {
      assert.deepEqual(await bob.command(command!), {
        log: { level: 'error', args: [`Missing moderator rights to ${what}`] },
      });
    }
    // Silently.
    assert.deepEqual(await bob.command('kick-participant', ann.id), {});
    assert.deepEqual(await bob.command('toggle-lobby', true), {});
    // Locking: a notification.
    await bob.command('password', 'x');
    await bob.next(
      'notification-triggered',
      (event) => event['title'] === 'dialog.lockTitle' && event['description'] === 'dialog.lockMessage',
    );
    const snapshot = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{
      lobbyEnabled: boolean;
      locked: boolean;
      participants: unknown[];
    }>();
    assert.equal(snapshot.lobbyEnabled, false);
    assert.equal(snapshot.locked, false);
    assert.equal(snapshot.participants.length, 2);
    ann.close();
    bob.close();
  });

  it('hangup ends with video-conference-left and ready-to-close', async () => {
    const room = newRoom();
    const ann = await hostIn(room, {}, 'video-hangup');
    await ann.next('video-conference-left', (event) => event['roomName'] === room);
    await ann.next('video-ready-to-close');
    assert.ok(ann.ended);
  });
});

describe('sandbox: broadcast control plane', () => {
  it('announces the stream only once it is live, and its end', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    await ann.next('video-conference-joined');
    await ann.command('start-recording', {
      mode: 'stream',
      rtmpStreamKey: `rtmp://${sandbox.server}/live/show_1?record=1`,
    });
    assert.deepEqual(started.at(-1), 'show_1');
    assert.ok(!ann.names().includes('recording-status-changed'), 'nothing while pending');
    media.release?.();
    await ann.next('recording-status-changed', (event) => event['on'] === true && event['mode'] === 'stream');
    assert.deepEqual(await ann.request('get-livestream-url'), { livestreamUrl: 'https://view.example/show_1' });
    const snapshot = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{ streaming: unknown }>();
    assert.deepEqual(snapshot.streaming, { streamName: 'show_1', record: true, live: true });
    await ann.command('stop-recording', 'stream');
    await ann.next('recording-status-changed', (event) => event['on'] === false);
    ann.close();
  });

  // Without the announcement the stop (and the start) would wait for nothing: a short deadline, not a hang.
  it(
    'announces the end of a stream stopped while still pending to every member (§S6)',
    { timeout: 5_000 },
    async () => {
      const room = newRoom();
      const ann = await join(room, { moderator: true });
      await ann.next('video-conference-joined');
      const bob = await join(room);
      await bob.next('video-conference-joined');
      await ann.next('participant-joined', (event) => event['id'] === bob.id);
      await ann.command('start-recording', { mode: 'stream', rtmpStreamKey: 'pending_show' });
      assert.equal(started.at(-1), 'pending_show');
      const release = media.release;
      await ann.command('stop-recording', 'stream');
      const end = { name: 'recording-status-changed', on: false, mode: 'stream', transcription: false };
      const statuses = (page: NodePage) => page.events.filter((event) => event.name === 'recording-status-changed');
      for (const page of [ann, bob]) {
        await page.next('recording-status-changed');
        // The end without an error, and nothing before it: the stream never went live.
        assert.deepEqual(statuses(page), [end]);
      }
      // Jibri getting ready after the stop changes nothing: the session is gone.
      release?.();
      const snapshot = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{ streaming?: unknown }>();
      assert.equal(snapshot.streaming, undefined);
      // The room may stream again at once.
      await ann.command('start-recording', { mode: 'stream', rtmpStreamKey: 'pending_show' });
      media.release?.();
      for (const page of [ann, bob]) {
        await page.next('recording-status-changed', (event) => event['on'] === true);
        assert.deepEqual(
          statuses(page).map((event) => event['on']),
          [false, true],
        );
      }
      ann.close();
      bob.close();
    },
  );

  it('holds a slow stream (the slowStreams fault) in starting and in stopping, as a slow Jibri does', async () => {
    const bad = await call(sandbox, 'PUT', '/_sandbox/control/faults/slow', { slowStreams: 'slow_1' });
    assert.equal(bad.status, 400);
    await call(sandbox, 'PUT', '/_sandbox/control/faults/slow', { slowStreams: ['slow_'], streamDelayMs: 300 });
    try {
      const room = newRoom();
      const ann = await join(room, { moderator: true });
      await ann.next('video-conference-joined');
      const asked = performance.now();
      await ann.command('start-recording', { mode: 'stream', rtmpStreamKey: `rtmp://${sandbox.server}/live/slow_1` });
      // Jibri is asked only after the delay, and the page hears nothing meanwhile.
      for (let wait = 0; wait < 100 && started.at(-1) !== 'slow_1'; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(started.at(-1), 'slow_1');
      assert.ok(performance.now() - asked >= 290, 'the stream started after the delay');
      media.release?.();
      await ann.next('recording-status-changed', (event) => event['on'] === true);
      const stopping = performance.now();
      await ann.command('stop-recording', 'stream');
      await ann.next('recording-status-changed', (event) => event['on'] === false);
      // A lower bound only: the delay was applied.
      assert.ok(performance.now() - stopping >= 290, 'the end was announced after the delay');
      ann.close();
    } finally {
      await call(sandbox, 'DELETE', '/_sandbox/control/faults/slow');
    }
  });

  it(
    'never puts a slow stream on air once it was stopped while Jibri was getting ready',
    { timeout: 5_000 },
    async () => {
      await call(sandbox, 'PUT', '/_sandbox/control/faults/slow-stop', {
        slowStreams: ['slowstop_'],
        streamDelayMs: 300,
      });
      try {
        const room = newRoom();
        const ann = await join(room, { moderator: true });
        await ann.next('video-conference-joined');
        await ann.command('start-recording', { mode: 'stream', rtmpStreamKey: 'slowstop_1' });
        await ann.command('stop-recording', 'stream');
        await ann.next('recording-status-changed', (event) => event['on'] === false);
        // The start's delay ended before the stop's did: the media server was never asked to start the stream.
        assert.ok(!started.includes('slowstop_1'), 'the stopped stream was never started');
        ann.close();
      } finally {
        await call(sandbox, 'DELETE', '/_sandbox/control/faults/slow-stop');
      }
    },
  );

  it('refuses a guest and a token without livestreaming with `forbidden`', async () => {
    const room = newRoom();
    const guest = await join(room);
    await guest.next('video-conference-joined');
    await guest.command('start-recording', { mode: 'stream', rtmpStreamKey: 'x' });
    const refused = await guest.next('recording-status-changed');
    assert.deepEqual(refused, {
      name: 'recording-status-changed',
      on: false,
      mode: 'stream',
      error: 'forbidden',
      transcription: false,
    });
    const limited = await join(room, { moderator: true, withoutFeatures: ['livestreaming'] });
    await limited.next('video-conference-joined');
    await limited.command('start-recording', { mode: 'stream', rtmpStreamKey: 'x' });
    assert.equal((await limited.next('recording-status-changed'))['error'], 'forbidden');
    guest.close();
    limited.close();
  });

  it('logs a missing stream key, and reports a studio that cannot start', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    await ann.next('video-conference-joined');
    assert.deepEqual(await ann.command('start-recording', { mode: 'stream' }), {
      log: { level: 'error', args: ['Failed starting recording: missing youtube or RTMP stream key'] },
    });
    // The rest of API.js's refusals, in its words; a mode it does not know does nothing at all.
    const logged = (text: string) => ({ log: { level: 'error', args: [text] } });
    assert.deepEqual(
      await ann.command('start-recording', { mode: 'local' }),
      logged('Failed starting recording: local recording is either disabled or not supported'),
    );
    assert.deepEqual(
      await ann.command('start-recording', { mode: 'file' }),
      logged('Failed starting recording: the recording service is not enabled'),
    );
    assert.deepEqual(await ann.command('start-recording', { mode: 'hologram', rtmpStreamKey: 'x' }), {});
    assert.deepEqual(await ann.command('stop-recording', 'local'), {});
    assert.deepEqual(await ann.command('stop-recording', 'hologram'), logged('Invalid recording mode provided!'));
    assert.deepEqual(await ann.command('stop-recording', 'stream'), logged('No recording or streaming session found'));
    media.fail = true;
    try {
      await ann.command('start-recording', { mode: 'stream', rtmpStreamKey: 'broken_show' });
      await ann.next('notification-triggered', (event) => event['title'] === 'liveStreaming.unavailableTitle');
      assert.equal((await ann.next('recording-status-changed'))['error'], 'service-unavailable');
    } finally {
      media.fail = false;
    }
    ann.close();
  });
});
