/**
 * The strict policy of test/package/strict-csp-suite.ts plus Trusted Types (`require-trusted-types-for 'script'`, only
 * the policies the README names allowed),
 * through the states that suite does not walk: statistics, a language loaded on demand, the password and lobby
 * screens, and the external route, whose script (the meeting server's `external_api.js`) a plain string can no longer
 * load: that route failed with a `require-trusted-types-for` violation. Nothing may be reported but the control.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { control, sandbox, token, uniqueRoom, type SandboxInfo } from '../support/sandbox.js';
import { CDN_BUILDS, HARNESS_POLICY, StrictPage, strictPolicy } from './strict-csp-page.js';

/**
 * Enforced, and with only the policies allowed that a page listing them would name (README, Content Security
 * Policy): nano-meet's own, Lit's, and this harness's, which loads the build under test.
 */
const TRUSTED_TYPES = `require-trusted-types-for 'script'; trusted-types nano-meet lit-html ${HARNESS_POLICY}`;

async function scripted(info: SandboxInfo, room: string, fields: Record<string, unknown>): Promise<string> {
  return (await control<{ id: string }>(info, 'POST', `/rooms/${room}/participants`, fields)).id;
}

async function actAs(info: SandboxInfo, room: string, id: string, name: string, ...args: unknown[]): Promise<void> {
  await control(info, 'POST', `/rooms/${room}/participants/${id}/commands`, { name, args });
}

/** Resolves once `element`'s shadow root says `words`. */
async function says(element: Element, words: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !element.shadowRoot?.textContent?.includes(words); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(element.shadowRoot?.textContent, `<${element.localName}> says "${words}"`).to.contain(words);
}

for (const build of CDN_BUILDS) {
  describe(`dist/cdn/${build} under a strict policy with Trusted Types`, function () {
    this.timeout(90_000);
    let page: StrictPage | undefined;
    afterEach(() => page?.close());

    it('statistics, German on demand, password, lobby and the external route: no violation', async () => {
      const info = await sandbox();
      const policy = `${strictPolicy(info, { scriptFromMeetingServer: true })}; ${TRUSTED_TYPES}`;
      page = await StrictPage.open(build, policy);
      const body = page.document.body;

      // Joined, with statistics every half second; then German, loaded from its own file, and out.
      const room = uniqueRoom('trusted_types');
      const meeting = page.create('nano-meet', {
        token: await token(info, { room, moderator: true }),
        statsInterval: 0.5,
      });
      const stats = oneEvent(meeting, 'nano-meet-stats');
      body.append(meeting);
      expect((await stats).detail.participants.total).to.equal(1);
      meeting.lang = 'de';
      await says(meeting, 'Im Meeting.');
      await page.expectNoViolations('joined, with statistics, in German');

      // Locked by a moderator already inside: the password screen, then in with the password.
      const owner = await scripted(info, room, { name: 'Owner', moderator: true });
      await actAs(info, room, owner, 'password', 'secret');
      await meeting.hangUp();
      await says(meeting, 'Sie haben das Meeting verlassen.');
      const guest = page.create('nano-meet', { token: await token(info, { room, name: 'Guest' }) });
      const asked = oneEvent(guest, 'nano-meet-password-required');
      body.append(guest);
      await asked;
      await says(guest, 'This meeting is locked.');
      const inside = oneEvent(guest, 'nano-meet-ready');
      await guest.submitPassword('secret');
      await inside;
      await page.expectNoViolations('on the password screen');

      // A lobby: the guest waits for a moderator.
      const lobbyRoom = uniqueRoom('trusted_types');
      const host = await scripted(info, lobbyRoom, { name: 'Host', moderator: true });
      await actAs(info, lobbyRoom, host, 'toggle-lobby', true);
      const waiting = page.create('nano-meet', { token: await token(info, { room: lobbyRoom, name: 'Guest' }) });
      body.append(waiting);
      await says(waiting, 'Waiting for a moderator');
      await page.expectNoViolations('in the lobby');

      // The external route: the listed server's external_api.js runs, made a TrustedScriptURL by nano-meet.
      page.document.head.append(
        Object.assign(page.document.createElement('meta'), { name: 'nano-meet-allowed-servers', content: info.server }),
      );
      const external = page.create('nano-meet', {
        loader: 'external',
        token: await token(info, { room: uniqueRoom('trusted_types'), moderator: true }),
      });
      const failed: string[] = [];
      external.addEventListener('nano-meet-error', ({ detail }) => failed.push(detail.code));
      const ready = oneEvent(external, 'nano-meet-ready');
      body.append(external);
      await Promise.race([ready, oneEvent(external, 'nano-meet-error')]);
      expect(failed, 'the external route joins').to.deep.equal([]);
      await external.hangUp();
      await page.expectNoViolations('on the external route');
    });
  });
}
