/**
 * The classic `NanoMeet` API as an old script-tag page uses it: init into a div, broadcast, stop.
 */
import { expect } from '@open-wc/testing';
import { NanoMeet } from '../../src/index.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';

describe('NanoMeet (classic web API)', () => {
  const divs: HTMLElement[] = [];
  function div(id: string): HTMLElement {
    const element = Object.assign(document.createElement('div'), { id });
    document.body.append(element);
    divs.push(element);
    return element;
  }
  afterEach(() => divs.splice(0).forEach((element) => element.remove()));

  it('init puts a <nano-meet> into the div and resolves { data: { moderator } } once joined', async () => {
    const host = div('nanoStream-meet');
    const nanoMeet = new NanoMeet();
    const jwt = await token(await sandbox(), { room: uniqueRoom(), moderator: true });
    const result = await nanoMeet.init({ token: jwt, id: 'nanoStream-meet', width: 500, height: 300 });
    expect(result).to.deep.equal({ data: { moderator: true } });
    const meeting = host.querySelector('nano-meet')!;
    expect(meeting.state).to.equal('joined');
    expect(meeting.style.width).to.equal('500px');
    expect(meeting.style.height).to.equal('300px');
  });

  it('startBroadcast(isVOD) resolves with the classic playout shape once live; stopBroadcast ends it', async () => {
    div('broadcast-meet');
    const nanoMeet = new NanoMeet();
    const jwt = await token(await sandbox(), {
      room: uniqueRoom(),
      moderator: true,
      streamname: `classic-${Date.now().toString(36)}`,
    });
    await nanoMeet.init({ token: jwt, id: 'broadcast-meet' });
    const { data } = await nanoMeet.startBroadcast(true);
    expect(data.playout.live).to.match(/\/whep\/classic-/);
    expect(data.playout.vod).to.match(/\/vod\/classic-.*\/index\.m3u8$/);
    expect(await nanoMeet.stopBroadcast()).to.deep.equal({ data: {} });
  });

  it('rejects with a coded error: an unknown div, a bad token, a broadcast before init, no token service', async () => {
    const nanoMeet = new NanoMeet();
    await nanoMeet.init({ token: 'x', id: 'missing' }).then(
      () => expect.fail('init resolved'),
      (error) => expect(error.code).to.equal('element-not-found'),
    );
    div('bad-token');
    await nanoMeet.init({ token: 'not-a-token', id: 'bad-token' }).then(
      () => expect.fail('init resolved'),
      (error) => expect(error.code).to.equal('token-malformed'),
    );
    await new NanoMeet().startBroadcast().then(
      () => expect.fail('startBroadcast resolved'),
      (error) => expect(error.code).to.equal('not-initialized'),
    );
    await nanoMeet.createNanoMeetRoom('key', {} as never).then(
      () => expect.fail('createNanoMeetRoom resolved'),
      (error) => expect(error.code).to.equal('token-service-missing'),
    );
  });

  it('a guest cannot broadcast', async () => {
    div('guest-meet');
    const nanoMeet = new NanoMeet();
    const jwt = await token(await sandbox(), { room: uniqueRoom() });
    expect(await nanoMeet.init({ token: jwt, id: 'guest-meet' })).to.deep.equal({ data: { moderator: false } });
    await nanoMeet.startBroadcast().then(
      () => expect.fail('startBroadcast resolved'),
      (error) => expect(error.code).to.equal('not-moderator'),
    );
  });

  it('init rejects with load-timeout when the meeting server does not answer within loadTimeout', async () => {
    const host = div('unreachable-meet');
    const jwt = await token(await sandbox(), { room: uniqueRoom(), server: 'meet.nano-meet.invalid' });
    const error = await new NanoMeet().init({ token: jwt, id: 'unreachable-meet', loadTimeout: 0.3 }).then(
      () => expect.fail('init resolved'),
      (reason: { code: string; message: string }) => reason,
    );
    expect(error.code).to.equal('load-timeout');
    expect(error.message).to.contain('meet.nano-meet.invalid did not answer within 0.3 s');
    expect(host.querySelector('nano-meet')!.state).to.equal('error');
  });
});
