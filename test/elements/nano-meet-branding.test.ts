/**
 * The branding on a real Jitsi deployment: `<nano-meet>` draws the logo over the joined meeting itself (a meeting
 * page takes none from an embedding page), and puts in the iframe's URL only the overrides Jitsi's whitelists let
 * through (docs/jitsi/branding.md §1), the background colour as `DEFAULT_BACKGROUND` among them.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { MeetingLoader, NanoMeetElement } from '../../src/elements/nano-meet.js';
import {
  CONFIG_WHITELIST,
  HOST_CONFIG_KEYS,
  INTERFACE_CONFIG_WHITELIST,
} from '../../src/meeting/jitsi-wire/url-override-whitelist.js';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';

/** A 120×40 PNG drawn here, so the logo has a size without any network. */
function logoDataUrl(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 120;
  canvas.height = 40;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#e0a030';
  context.fillRect(0, 0, 120, 40);
  return canvas.toDataURL('image/png');
}

function branding(fields: Record<string, string> = {}): string {
  return JSON.stringify({
    backgroundColor: '#123456',
    logoImageUrl: logoDataUrl(),
    logoClickUrl: 'https://example.org/',
    ...fields,
  });
}

async function imageLoaded(el: NanoMeetElement): Promise<HTMLImageElement> {
  const image = el.shadowRoot!.querySelector<HTMLImageElement>('[part="meeting-logo"] img')!;
  if (!image.complete) await new Promise((resolve) => image.addEventListener('load', resolve, { once: true }));
  return image;
}

/** The `prefix.key` names in the iframe URL's hash. */
function hashKeys(el: NanoMeetElement, prefix: string): string[] {
  const hash = new URL(el.iframe!.src).hash.slice(1);
  return hash
    .split('&')
    .map((param) => param.slice(0, param.indexOf('=')))
    .filter((name) => name.startsWith(`${prefix}.`))
    .map((name) => name.slice(prefix.length + 1));
}

describe('<nano-meet> branding on a real Jitsi', () => {
  afterEach(cleanUp);

  it('draws the logo over the joined meeting, top left and clear of the toolbar, linked with a name', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }, { branding: branding() }));
    await el.updateComplete;
    const logo = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="meeting-logo"]')!;
    expect(logo.tagName).to.equal('A');
    expect(logo.getAttribute('href')).to.equal('https://example.org/');
    expect(logo.target).to.equal('_blank');
    expect(logo.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    expect(logo.getAttribute('aria-label')).to.equal('Home page');
    await imageLoaded(el);

    const frame = el.iframe!.getBoundingClientRect();
    const box = logo.getBoundingClientRect();
    expect(box.width).to.be.greaterThan(0);
    expect(box.left - frame.left).to.be.within(0, 24);
    expect(box.top - frame.top).to.be.within(0, 24);
    expect(box.width).to.be.at.most(140);
    expect(box.height).to.be.at.most(40);
    // Jitsi's toolbar is at the bottom of the meeting: the logo stays in its top third.
    expect(box.bottom).to.be.below(frame.top + frame.height / 3);
    // Over the iframe, not under it, and the only thing of ours that takes the pointer there.
    const hit = el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(logo.contains(hit)).to.equal(true);
    expect(el.shadowRoot!.elementFromPoint(frame.left + frame.width / 2, frame.bottom - 10)).to.equal(el.iframe);
  });

  it('keeps the logo on its own screens only until joined, and draws none over the meeting with no-logo', async () => {
    const el = await meeting('native', { room: uniqueRoom() }, { branding: branding(), 'no-logo': true });
    const ready = oneEvent(el, 'nano-meet-ready');
    document.body.append(el);
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.shadowRoot!.querySelector('[part="meeting-logo"]')).to.equal(null);
    await ready;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="meeting-logo"]')).to.equal(null);
    el.noLogo = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="meeting-logo"]')).not.to.equal(null);
  });

  it('gives the logo no link for a logoClickUrl that is not http(s): the branding is refused', async () => {
    const el = await meeting(
      'native',
      { room: uniqueRoom() },
      { branding: branding({ logoClickUrl: 'javascript:alert(1)' }) },
    );
    const error = oneEvent(el, 'nano-meet-error');
    await joined(el);
    expect((await error).detail.code).to.equal('branding-invalid');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
  });

  it('lets the page restyle or hide the logo through ::part(meeting-logo)', async () => {
    const style = document.createElement('style');
    style.textContent = 'nano-meet.themed::part(meeting-logo) { top: 30px; }';
    document.head.append(style);
    try {
      const el = await meeting('native', { room: uniqueRoom() }, { branding: branding(), class: 'themed' });
      await joined(el);
      await el.updateComplete;
      const logo = el.shadowRoot!.querySelector<HTMLElement>('[part="meeting-logo"]')!;
      expect(getComputedStyle(logo).top).to.equal('30px');
    } finally {
      style.remove();
    }
  });

  for (const loader of ['native', 'external'] satisfies MeetingLoader[]) {
    it(`puts only whitelisted overrides in the iframe URL, the colour as DEFAULT_BACKGROUND (loader="${loader}")`, async () => {
      const attributes = { branding: branding(), subject: 'Weekly', 'audio-muted': true, 'video-muted': true };
      const el = await joined(await meeting(loader, { room: uniqueRoom(), moderator: true }, attributes));
      const config = hashKeys(el, 'config');
      const interfaceConfig = hashKeys(el, 'interfaceConfig');
      expect(config).to.include.members(['prejoinConfig', 'startWithAudioMuted', 'subject']);
      for (const key of config) {
        const listed = [...CONFIG_WHITELIST, ...HOST_CONFIG_KEYS].some((entry) => entry.split('.')[0] === key);
        expect(listed, `config.${key}`).to.equal(true);
      }
      expect(interfaceConfig).to.deep.equal(['DEFAULT_BACKGROUND']);
      for (const key of interfaceConfig) expect(INTERFACE_CONFIG_WHITELIST).to.include(key);
      expect(decodeURIComponent(el.iframe!.src)).to.contain('interfaceConfig.DEFAULT_BACKGROUND="#123456"');
      for (const dropped of ['DEFAULT_LOGO_URL', 'SHOW_JITSI_WATERMARK', 'JITSI_WATERMARK_LINK']) {
        expect(el.iframe!.src).not.to.contain(dropped);
      }
    });
  }

  it('brands its own loading and error screens with the background colour and image', async () => {
    const image = logoDataUrl();
    const el = await meeting('native', { room: uniqueRoom() }, { branding: branding({ backgroundImageUrl: image }) });
    document.body.append(el);
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    const status = el.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
    expect(getComputedStyle(status).backgroundColor).to.equal('rgb(18, 52, 86)');
    expect(getComputedStyle(status).backgroundImage).to.contain('data:image/png');
    el.token = 'not-a-token';
    await oneEvent(el, 'nano-meet-error');
    await el.updateComplete;
    const error = el.shadowRoot!.querySelector<HTMLElement>('[part="status"].error')!;
    expect(getComputedStyle(error).backgroundColor).to.equal('rgb(18, 52, 86)');
    expect(getComputedStyle(error).backgroundImage).to.contain('data:image/png');
  });
});
