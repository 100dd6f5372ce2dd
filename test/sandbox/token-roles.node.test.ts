/**
 * Who the sandbox makes a moderator: only whom Jitsi's mod_token_affiliation would, from `context.user.moderator`
 * (`true` or `"true"`) or `context.user.affiliation`; a top-level `moderator` claim is not Jitsi's and counts for
 * nothing (docs/jitsi/tokens.md §0.1, §1.6).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
