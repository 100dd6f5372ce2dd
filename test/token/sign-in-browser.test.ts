// The token model is also loaded where there is no node:crypto (browsers, edge runtimes): there it signs through
// jose and Web Crypto, and its tokens are the same HS256 JWTs the Node fast path makes.
import { expect } from '@open-wc/testing';
import { createInviteToken } from '../../src/token/create-invite-token.js';
import { createRoomToken } from '../../src/token/create-room-token.js';
import { nodeHmac } from '../../src/token/node-hmac.js';
import type { SharedSecretKey } from '../../src/token/signing-key.js';
import type { RoomSetup } from '../../src/token/token-setup.js';
import { verifyToken } from '../../src/token/verify-token.js';
import { KEY as SECRET_KEY, NOW, ROOM_SETUP } from './token-setup-fixtures.js';

const KEY: SharedSecretKey = { ...SECRET_KEY, kid: 'hs-1' };
const SETUP: RoomSetup = { ...ROOM_SETUP, user: { name: 'Zoë 😀' } };

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const decode = (part: string) =>
  JSON.parse(
    new TextDecoder().decode(
      Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)),
    ),
  );

/** The HMAC-SHA256 of a token's header and payload, by Web Crypto directly (not through jose). */
async function hmacOf(jwt: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const signingInput = jwt.slice(0, jwt.lastIndexOf('.'));
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput))));
}

describe('signing tokens in a browser', () => {
  it('finds no node:crypto, and the module loads all the same', () => {
    expect(nodeHmac()).to.equal(undefined);
  });

  it('issues an HS256 room token with the key’s kid, signed with the secret', async () => {
    const jwt = await createRoomToken(KEY, SETUP, { now: NOW });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(decode(header)).to.deep.equal({ alg: 'HS256', typ: 'JWT', kid: 'hs-1' });
    expect(decode(payload)).to.include({ iss: 'nano_app', room: 'my_nanomeet_room', moderator: true });
    expect(decode(payload).context.user).to.deep.equal({ name: 'Zoë 😀', moderator: true });
    expect(signature).to.equal(await hmacOf(jwt, KEY.secret));
    const verified = await verifyToken(jwt, KEY.secret, { now: NOW });
    expect(verified.ok).to.equal(true);
  });

  it('derives an invite from it with the same key', async () => {
    const parent = await createRoomToken(KEY, SETUP, { now: NOW });
    const invite = await createInviteToken(KEY, parent, { moderator: false }, { now: NOW });
    expect(invite.split('.')[2]).to.equal(await hmacOf(invite, KEY.secret));
    const verified = await verifyToken(invite, KEY.secret, { now: NOW });
    expect(verified.ok && { parentId: verified.token.parentId, moderator: verified.token.moderator }).to.deep.equal({
      parentId: decode(parent.split('.')[1]!).jti,
      moderator: false,
    });
  });
});
