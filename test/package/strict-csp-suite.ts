/**
 * The README promises that nano-meet needs neither 'unsafe-inline' nor 'unsafe-eval'. A CDN build runs here in a
 * page whose Content-Security-Policy header lists only what the README's CSP section says nano-meet needs, and
 * every element goes through its states, branded; the page must report no violation but its own control.
 * One test file per build (cdn-strict-csp-*.test.ts), so that each finishes in the test runner's time.
 */
import { expect, oneEvent } from '@open-wc/testing';
// Types only: the elements under test are the CDN build's, defined in the strict page.
import type { NanoMeetBroadcastButtonElement } from '../../src/elements/nano-meet-broadcast-button.js';
import { nextEvent, stopStream, uniqueStream, untilState } from '../playout/playout-helpers.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { CONTROL_TARGET, FIXTURE, StrictPage, strictPolicy, type CdnBuild } from './strict-csp-page.js';

const LOGO = `${location.origin}${FIXTURE}logo.png`;
/** A branding with everything a page can set: colours, a font, a background image and a linked logo. */
const BRANDING = JSON.stringify({
  backgroundColor: '#123456',
  backgroundImageUrl: LOGO,
  logoImageUrl: LOGO,
  logoClickUrl: 'https://www.example.org/',
  accentColor: '#654321',
  textColor: '#fefefe',
  fontFamily: 'Georgia, serif',
});
const BRANDED_BACKGROUND = 'rgb(18, 52, 86)';
/** test/package/strict-csp/branding.json's background. */
const FILE_BACKGROUND = 'rgb(32, 48, 64)';

function shadow(element: Element, selector: string): HTMLElement {
  const found = element.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector} in <${element.localName}>`);
  return found;
}

function background(element: Element): string {
  const base = shadow(element, '[part="base"]');
  return base.ownerDocument.defaultView!.getComputedStyle(base).backgroundColor;
}

/**
 * The branding's logo in the element's chrome (once the branding has loaded), loaded itself: an image the policy
 * refused would not decode.
 */
async function expectLogo(element: Element): Promise<void> {
  await until(
    () => Boolean(element.shadowRoot?.querySelector('[part="logo"] img')),
    `<${element.localName}> shows the logo`,
  );
  const image = shadow(element, '[part="logo"] img') as HTMLImageElement;
  // Not image.decode(): it waits for rendering, which a test page in a background tab may not get.
  await until(() => image.complete, 'the logo has loaded or failed');
  expect(image.naturalWidth, 'the logo loaded').to.equal(16);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(condition(), what).to.equal(true);
}

function press(button: NanoMeetBroadcastButtonElement): void {
  (shadow(button, 'button') as HTMLButtonElement).click();
}

export function describeUnderStrictCsp(build: CdnBuild): void {
  describe(`dist/cdn/${build} under a strict Content-Security-Policy`, function () {
    this.timeout(90_000);
    let page: StrictPage | undefined;
    const streams: string[] = [];

    afterEach(async () => {
      page?.close();
      page = undefined;
      await Promise.all(streams.splice(0).map((name) => stopStream(name).catch(() => undefined)));
    });

    it("hears violations: the page's inline style, and a style attribute set in a shadow root", async () => {
      const policy = strictPolicy(await sandbox());
      page = await StrictPage.open(build, policy);
      // The test server really sends the policy as a header (a <meta> policy would not govern everything).
      expect((await fetch(page.frame.src)).headers.get('content-security-policy')).to.equal(policy);
      const reportedOn = (target: string) =>
        page!.allViolations.filter((violation) => violation.target === target).map((violation) => violation.directive);
      expect(reportedOn(CONTROL_TARGET)).to.deep.equal(['style-src-attr']);
      await page.expectNoViolations('on load');

      // What lit's styleMap did on first render: a style attribute, set inside the shadow root.
      const playout = page.create('nano-meet-playout');
      page.document.body.append(playout);
      await playout.updateComplete;
      shadow(playout, '[part="base"]').setAttribute('style', '--_accent: red');
      let caught: Error | undefined;
      await page.expectNoViolations('after the style attribute').catch((error: Error) => (caught = error));
      expect(caught?.message, 'expectNoViolations fails on it').to.contain('CSP violations after the style attribute');
      expect(reportedOn('nano-meet-playout')).to.deep.equal(['style-src-attr']);
    });

    it('branded: a meeting goes live from its button, two playouts wait, play and end; it is left', async () => {
      const info = await sandbox();
      page = await StrictPage.open(build, strictPolicy(info));
      const streamname = uniqueStream('strict-csp');
      streams.push(streamname);

      // Waiting: one playout over WHEP with the inline branding and a poster, one over HLS (hls.js) with a
      // branding file.
      const common = { streamname, autoplay: true, muted: true };
      const overWhep = page.create('nano-meet-playout', {
        ...common,
        whepTemplate: info.whepTemplate,
        hlsTemplate: '',
        branding: BRANDING,
        poster: LOGO,
      });
      const overHls = page.create('nano-meet-playout', {
        ...common,
        whepTemplate: '',
        hlsTemplate: info.hlsTemplate,
        branding: `${FIXTURE}branding.json`,
      });
      page.document.body.append(overWhep, overHls);
      await Promise.all([untilState(overWhep, 'waiting'), untilState(overHls, 'waiting')]);
      await until(() => background(overWhep) === BRANDED_BACKGROUND, 'the inline branding is applied');
      await until(() => background(overHls) === FILE_BACKGROUND, 'the branding file is applied');
      await expectLogo(overWhep);
      await page.expectNoViolations('while the playouts wait, branded');

      // Loading, then joined: a moderator's meeting with the broadcast button inside.
      const meeting = page.create('nano-meet', {
        branding: BRANDING,
        token: await token(info, { room: uniqueRoom('strict_csp'), moderator: true, streamname }),
      });
      const button = page.create('nano-meet-broadcast-button');
      meeting.append(button);
      const states: string[] = [];
      let loadingScreen: Promise<boolean> | undefined;
      meeting.addEventListener('nano-meet-state-change', ({ detail }) => {
        states.push(detail.state);
        // The loading screen is rendered before the meeting can answer: look at it then.
        if (detail.state === 'loading')
          loadingScreen ??= meeting.updateComplete.then(() =>
            shadow(meeting, '[part="status"]').textContent!.includes('Joining'),
          );
      });
      const ready = oneEvent(meeting, 'nano-meet-ready');
      page.document.body.append(meeting);
      await ready;
      expect(await loadingScreen, 'the loading screen was shown').to.equal(true);
      expect(background(meeting)).to.equal(BRANDED_BACKGROUND);
      await until(() => !(shadow(button, 'button') as HTMLButtonElement).disabled, 'the button is ready');
      await page.expectNoViolations('while loading and once joined');

      // Live: the button follows the broadcast through starting; both playouts play it.
      const buttonStates: string[] = [];
      meeting.addEventListener('nano-meet-broadcast-state-change', ({ detail }) => buttonStates.push(detail.state));
      press(button);
      await untilState(button, 'live');
      await Promise.all([untilState(overWhep, 'playing'), untilState(overHls, 'playing')]);
      expect([overWhep.protocol, overHls.protocol]).to.deep.equal(['whep', 'hls']);
      await page.expectNoViolations('while live and playing');

      // Ended: the broadcast stops, and the WHEP playout says so (the HLS one would too, but only once it has played
      // out its buffer, and Chrome pauses the video of a hidden page, as the test runner's second page is); the
      // meeting is left, with its ended screen.
      press(button);
      await untilState(button, 'idle');
      await untilState(overWhep, 'ended');
      expect(buttonStates).to.deep.equal(['starting', 'live', 'stopping', 'idle']);
      await meeting.hangUp();
      await untilState(meeting, 'left');
      expect(shadow(meeting, '[part="status"]').textContent).to.contain('You left');
      await expectLogo(meeting);
      expect(states).to.deep.equal(['loading', 'joined', 'left']);
      await page.expectNoViolations('once everything has ended');
    });

    it('error and waiting screens: expired and early tokens, a refused broadcast, a bad source', async () => {
      const info = await sandbox();
      page = await StrictPage.open(build, strictPolicy(info));
      const body = page.document.body;

      const expired = page.create('nano-meet', {
        branding: BRANDING,
        token: await token(info, { room: uniqueRoom('strict_csp'), validFrom: -7200, validFor: 3600 }),
      });
      const refusedExpired = nextEvent(expired, 'nano-meet-error');
      body.append(expired);
      expect((await refusedExpired).detail.code).to.equal('token-expired');
      await untilState(expired, 'error');
      expect(shadow(expired, '[part="status"].error').textContent).to.contain('expired');
      await expectLogo(expired);

      // Not yet valid: a minute ahead, so that it still waits however slowly the page gets here.
      const early = page.create('nano-meet', {
        branding: BRANDING,
        token: await token(info, { room: uniqueRoom('strict_csp'), validFrom: 60, validFor: 3600 }),
      });
      const opens = nextEvent(early, 'nano-meet-error');
      body.append(early);
      expect((await opens).detail.code).to.equal('token-not-yet-valid');
      await early.updateComplete;
      expect(shadow(early, '[part="status"]').textContent).to.contain('opens at');
      await expectLogo(early);

      const notAllowed = page.create('nano-meet', {
        token: await token(info, {
          room: uniqueRoom('strict_csp'),
          moderator: true,
          withoutFeatures: ['livestreaming'],
        }),
      });
      const button = page.create('nano-meet-broadcast-button');
      notAllowed.append(button);
      const joined = oneEvent(notAllowed, 'nano-meet-ready');
      body.append(notAllowed);
      await joined;
      await until(() => !(shadow(button, 'button') as HTMLButtonElement).disabled, 'the button is ready');
      const refusal = nextEvent(notAllowed, 'nano-meet-broadcast-error');
      press(button);
      expect((await refusal).detail.code).to.equal('broadcast-refused');
      await untilState(button, 'error');

      const unplayable = page.create('nano-meet-playout', {
        src: 'ftp://media.example.org/live',
        autoplay: true,
        branding: BRANDING,
      });
      body.append(unplayable);
      await untilState(unplayable, 'error');
      expect(shadow(unplayable, '[part="error-code"]').textContent).to.equal('source-invalid');

      const lonely = page.create('nano-meet-broadcast-button');
      lonely.setAttribute('for', 'no-such-meeting');
      body.append(lonely);
      await lonely.updateComplete;
      expect(shadow(lonely, '[role="status"]').textContent).to.contain('No meeting');
      await page.expectNoViolations('on the error and waiting screens');
    });

    it('loader="external": the server\'s script, in script-src and the allowed servers, joins and leaves', async () => {
      const info = await sandbox();
      page = await StrictPage.open(build, strictPolicy(info, { scriptFromMeetingServer: true }));
      page.document.head.append(
        Object.assign(page.document.createElement('meta'), { name: 'nano-meet-allowed-servers', content: info.server }),
      );
      const meeting = page.create('nano-meet', {
        loader: 'external',
        branding: BRANDING,
        token: await token(info, { room: uniqueRoom('strict_csp'), moderator: true }),
      });
      const ready = oneEvent(meeting, 'nano-meet-ready');
      page.document.body.append(meeting);
      await ready;
      await meeting.hangUp();
      await untilState(meeting, 'left');
      await page.expectNoViolations('on the external route');
    });
  });
}
