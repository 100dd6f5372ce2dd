import { expect } from '@open-wc/testing';
import { buildIframeUrl } from '../../src/meeting/jitsi-wire/iframe-url.js';
import { createMeetingIframe, frameSize } from '../../src/meeting/jitsi-wire/create-meeting-iframe.js';

describe('buildIframeUrl', () => {
  it('reproduces the verified example of docs/jitsi/wire.md §1 byte for byte', () => {
    const url = buildIframeUrl('meet.example.org', {
      id: 0,
      roomName: 'Room1',
      jwt: 'x.y.z',
      configOverwrite: { a: 1 },
      userInfo: { displayName: 'Ann' },
      localStorageContent: null,
    });
    expect(url).to.equal(
      'https://meet.example.org/Room1?jwt=x.y.z#jitsi_meet_external_api_id=0&jwt="x.y.z"&config.a=1&userInfo.displayName=%22Ann%22&appData.localStorageContent=null',
    );
  });

  it('keeps a port and a tenant path, and appends the room raw', () => {
    expect(buildIframeUrl('host:8443/tenant', { id: 3, roomName: 'My Room' })).to.equal(
      'https://host:8443/tenant/My Room#jitsi_meet_external_api_id=3&appData.localStorageContent=null',
    );
  });

  it('omits the query and the room when there are none', () => {
    expect(buildIframeUrl('meet.example.org', { id: 1 })).to.equal(
      'https://meet.example.org/#jitsi_meet_external_api_id=1&appData.localStorageContent=null',
    );
  });

  it('takes lang from configOverwrite.defaultLanguage, after jwt and before release, spaces as +', () => {
    const url = buildIframeUrl('meet.example.org', {
      id: 2,
      roomName: 'r',
      jwt: 'a b',
      release: 'r 1',
      configOverwrite: { defaultLanguage: 'de' },
    });
    expect(url).to.equal(
      'https://meet.example.org/r?jwt=a+b&lang=de&release=r+1#jitsi_meet_external_api_id=2&jwt="a b"&config.defaultLanguage=%22de%22&appData.localStorageContent=null',
    );
    expect(buildIframeUrl('m.org', { id: 2, lang: 'fr', configOverwrite: { defaultLanguage: 'de' } })).to.contain(
      '?lang=fr#',
    );
  });

  it('writes nested objects as one JSON value, in the prefix order config, iceServers, interfaceConfig, devices, userInfo, appData', () => {
    const url = buildIframeUrl('m.org', {
      id: 4,
      userInfo: { email: 'a@b' },
      devices: { audioInput: 'mic' },
      interfaceConfigOverwrite: { SHOW_BRAND: false },
      iceServers: { replace: [{ urls: 'turn:x' }] },
      configOverwrite: { pip: { disabled: true }, 'x.y': undefined },
      localStorageContent: '{"k":"v & w"}',
    });
    const hash = url.slice(url.indexOf('#') + 1).split('&');
    expect(hash).to.deep.equal([
      'jitsi_meet_external_api_id=4',
      'config.pip=%7B%22disabled%22%3Atrue%7D',
      'config.x.y=undefined',
      'iceServers.replace=%5B%7B%22urls%22%3A%22turn%3Ax%22%7D%5D',
      'interfaceConfig.SHOW_BRAND=false',
      'devices.audioInput=%22mic%22',
      'userInfo.email=%22a%40b%22',
      `appData.localStorageContent=${encodeURIComponent(JSON.stringify('{"k":"v & w"}'))}`,
    ]);
  });

  it('strips whitespace from the domain, drops empty objects and leaves out values JSON cannot write', () => {
    expect(buildIframeUrl(' m.org ', { id: 5, configOverwrite: {}, userInfo: { big: 1n as unknown } })).to.equal(
      'https://m.org/#jitsi_meet_external_api_id=5&appData.localStorageContent=null',
    );
  });

  it('reads back through a browser as %22 for the quotes of the jwt', () => {
    const url = buildIframeUrl('m.org', { id: 6, jwt: 'x.y.z' });
    expect(new URL(url).hash).to.equal(
      '#jitsi_meet_external_api_id=6&jwt=%22x.y.z%22&appData.localStorageContent=null',
    );
  });
});

describe('createMeetingIframe', () => {
  afterEach(() => document.querySelectorAll('iframe[id^="jitsiConferenceFrame"]').forEach((frame) => frame.remove()));

  it('sets allow, name, id, size, allowFullScreen, border and title before src, and appends to the parent', () => {
    const parent = document.createElement('div');
    document.body.append(parent);
    const frame = createMeetingIframe({
      url: 'about:blank#x',
      id: 7,
      title: 'Video meeting: Room1',
      width: 640,
      height: '50vh',
      parentNode: parent,
    });
    expect(frame.parentNode).to.equal(parent);
    expect(frame.allow).to.equal(
      'autoplay; camera; clipboard-write; compute-pressure; display-capture; fullscreen; hid; microphone; screen-wake-lock; speaker-selection' +
        ('getScreenDetails' in window ? '; window-management' : ''),
    );
    expect(frame.name).to.equal('jitsiConferenceFrame7');
    expect(frame.id).to.equal('jitsiConferenceFrame7');
    expect(frame.style.width).to.equal('640px');
    expect(frame.style.height).to.equal('50vh');
    expect(frame.getAttribute('allowFullScreen')).to.equal('true');
    expect(frame.style.borderWidth).to.equal('0px');
    expect(frame.title).to.equal('Video meeting: Room1');
    expect(frame.hasAttribute('sandbox')).to.equal(false);
    expect(frame.hasAttribute('loading')).to.equal(false);
    expect(frame.getAttribute('src')).to.equal('about:blank#x');
    parent.remove();
  });

  it('defaults to 100% × 100% in document.body and applies a sandbox', () => {
    const frame = createMeetingIframe({
      url: 'about:blank',
      id: 8,
      title: 'Meeting',
      sandbox: 'allow-scripts allow-same-origin',
    });
    expect(frame.parentNode).to.equal(document.body);
    expect([frame.style.width, frame.style.height]).to.deep.equal(['100%', '100%']);
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
  });

  it('ignores sizes Jitsi ignores', () => {
    expect(frameSize('100')).to.equal(undefined);
    expect(frameSize('wide')).to.equal(undefined);
    expect(frameSize(null)).to.equal(undefined);
    expect(frameSize(12.5)).to.equal('12.5px');
    expect(['1em', '2pt', '3px', '4%', '5dvh', '6lvw', '7svh', '8vw'].map(frameSize)).to.deep.equal([
      '1em',
      '2pt',
      '3px',
      '4%',
      '5dvh',
      '6lvw',
      '7svh',
      '8vw',
    ]);
  });
});
