/**
 * Tokens as a token-auth Jitsi reads them (docs/jitsi/tokens.md §0.1, §1), not as nano-meet's stricter reader does:
 * what Prosody accepts joins, what it refuses is refused in its words; and the sandbox makes a moderator only of whom
 * mod_token_affiliation would, from `context.user.moderator` (`true` or `"true"`) or `context.user.affiliation`. A
 * top-level `moderator` claim is not Jitsi's and counts for nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import type { TokenClaims } from '../../src/token/claims.js';
import { signClaims } from '../../src/token/signing-key.js';
import { call, mintToken, NodePage } from './support/node-page.js';

const key = { appId: 'nano_meet_sandbox', secret: 'a-secret-only-this-test-knows-0123456789' };
let sandbox: RunningSandbox;
let rooms = 0;

before(async () => {
  sandbox = await startSandbox({ media: false, appId: key.appId, secret: key.secret });
});
after(() => sandbox.close());

/** A token of the sandbox's key whose user claims are `user` exactly, plus any top-level `extra` claims. */
async function tokenWith(room: string, user: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const claims = decodeJwt(await mintToken(sandbox, { room, name: 'Ann' })) as TokenClaims;
  const { moderator: _dropped, ...rest } = claims;
  return signClaims(key, { ...rest, ...extra, context: { ...claims.context, user: { name: 'Ann', ...user } } });
}

/** A JWT signed with the sandbox's secret exactly as given: any header, any claims, nothing added. */
function signed(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', key.secret).update(input).digest('base64url')}`;
}

const HS256 = { alg: 'HS256', typ: 'JWT' };

/** The least a self-hosted Jitsi needs: `iss`, `aud`, `room`, `sub`; no `exp`, `jti` or claim of nano-meet's. */
function bare(claims: Record<string, unknown>): Record<string, unknown> {
  return { iss: key.appId, aud: 'jitsi', sub: '*', ...claims };
}

/** The reason Prosody gave for refusing `jwt` at login (`error.message`), and the toast's description. */
async function refusal(jwt: string, room: string): Promise<{ message: unknown; description: unknown }> {
  const page = await NodePage.open(sandbox, `/${room}`, jwt);
  assert.deepEqual(page.names(), ['notification-triggered', 'error-occurred']);
  const error = page.events[1]!['error'] as Record<string, unknown>;
  assert.equal(error['name'], 'connection.passwordRequired');
  return { message: error['message'], description: page.events[0]!['description'] };
}

/** Joins and reports whether the sandbox's own record says moderator, once the page has its join sequence. */
async function joinsAsModerator(jwt: string, room: string): Promise<{ page: NodePage; moderator: boolean }> {
  const page = await NodePage.open(sandbox, `/${room}`, jwt);
  await page.next('conference-created-timestamp');
  const snapshot = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{
    participants: { id: string; moderator: boolean }[];
  }>();
  const moderator = snapshot.participants.find((one) => one.id === page.id)!.moderator;
  assert.equal(
    page.names().includes('participant-role-changed'),
    moderator,
    'the page hears a moderator role exactly when the room made one',
  );
  return { page, moderator };
}

describe('sandbox: roles from tokens, as Jitsi reads them', () => {
  it('ignores a top-level moderator claim: without context.user.moderator the holder is a guest', async () => {
    const room = `roles_${++rooms}`;
    const { page, moderator } = await joinsAsModerator(await tokenWith(room, {}, { moderator: true }), room);
    assert.equal(moderator, false);
    // A guest's lobby command is refused, as for anyone Jitsi does not make a moderator.
    await page.command('toggle-lobby', true);
    const snapshot = (await call(sandbox, 'GET', `/_sandbox/control/rooms/${room}`)).json<{ lobbyEnabled: boolean }>();
    assert.equal(snapshot.lobbyEnabled, false);
    page.close();
  });

  it('makes a moderator of context.user.moderator true or "true", and of an owner affiliation', async () => {
    for (const user of [{ moderator: true }, { moderator: 'true' }, { affiliation: 'owner' }]) {
      const room = `roles_${++rooms}`;
      const { page, moderator } = await joinsAsModerator(await tokenWith(room, user), room);
      assert.equal(moderator, true, JSON.stringify(user));
      page.close();
    }
  });

  it('makes a guest of context.user.moderator false or "false"', async () => {
    for (const user of [{ moderator: false }, { moderator: 'false' }]) {
      const room = `roles_${++rooms}`;
      const { page, moderator } = await joinsAsModerator(await tokenWith(room, user), room);
      assert.equal(moderator, false, JSON.stringify(user));
      page.close();
    }
  });
});

describe("sandbox: tokens Jitsi accepts, refusals in Prosody's words", () => {
  it('lets in a token with only the claims Jitsi needs, for any room (*) or a room with a hyphen', async () => {
    for (const [claim, path] of [
      ['*', 'any-room_1'],
      ['Team-Room.2', 'team-room.2'],
    ] as const) {
      const page = await NodePage.open(sandbox, `/${path}`, signed(HS256, bare({ room: claim })));
      assert.deepEqual(page.join.ok ? [] : page.join.events, [], `room claim ${claim}`);
      assert.equal((await page.next('video-conference-joined'))['roomName'], path);
      page.close();
    }
  });

  it("refuses, in Prosody's words and order, what luajwtjitsi and the token util refuse", async () => {
    const room = `auth_${++rooms}`;
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      [signed({ alg: 'HS256', typ: 'jwt' }, bare({ room })), 'Invalid typ'],
      [signed({ alg: 'HS256' }, bare({ room })), 'Invalid typ'],
      [signed({ alg: 'HS512', typ: 'JWT' }, bare({ room })), 'Invalid or incorrect alg'],
      [signed(HS256, bare({ room, exp: new Date().toISOString() })), 'exp must be number'],
      [signed(HS256, bare({ room, exp: now })), 'Not acceptable by exp'],
      [signed(HS256, bare({ room, nbf: now + 60 })), 'Not acceptable by nbf'],
      [signed(HS256, bare({ room, iss: 'someone_else' })), "invalid 'iss' claim"],
      [signed(HS256, bare({ room, aud: undefined })), "'aud' claim is missing"],
      [signed(HS256, bare({ room, aud: ['jitsi'] })), "invalid 'aud' claim"],
      [signed(HS256, bare({})), 'room claim is missing'],
      [signed(HS256, bare({ room, sub: undefined })), 'sub claim is missing'],
    ];
    for (const [jwt, reason] of cases) assert.equal((await refusal(jwt, room)).message, reason, reason);
  });

  it("lists the web client's own reasons only for what validateJwt finds (time window, unknown feature)", async () => {
    const room = `auth_${++rooms}`;
    const now = Math.floor(Date.now() / 1000);
    const window = { nbf: now - 60, exp: now + 600, context: { user: {} } };
    const wrongIssuer = await refusal(signed(HS256, bare({ room, ...window, iss: 'other' })), room);
    assert.equal(wrongIssuer.description, 'dialog.tokenAuthFailed');
    const expired = await refusal(signed(HS256, bare({ room, ...window, exp: now - 1 })), room);
    assert.equal(expired.description, 'dialog.tokenAuthFailedWithReasons');
    const unknownFeature = { ...window, iss: 'other', context: { user: {}, features: { 'file-upload': true } } };
    assert.equal(
      (await refusal(signed(HS256, bare({ room, ...unknownFeature })), room)).description,
      'dialog.tokenAuthFailedWithReasons',
    );
  });
});
