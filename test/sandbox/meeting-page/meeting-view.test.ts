import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { MeetingView, ParticipantView } from '../../../src/sandbox/protocol/page-protocol.js';
import { defineMeetingView, type SandboxMeetingElement } from '../../../src/sandbox/meeting-page/meeting-view.js';
import {
  afterWireEvent,
  ended,
  lost,
  refused,
  withView,
  INITIAL_STATE,
} from '../../../src/sandbox/meeting-page/page-state.js';
import { lobbyRejected, tokenRefusedAtConnect } from '../../../src/sandbox/protocol/jitsi-events.js';

defineMeetingView();

function person(id: string, fields: Partial<ParticipantView> = {}): ParticipantView {
  return {
    id,
    displayName: id,
    moderator: false,
    local: false,
    handRaised: 0,
    audioMuted: false,
    videoMuted: false,
    scripted: true,
    ...fields,
  };
}

function meeting(fields: Partial<MeetingView> = {}): MeetingView {
  return {
    roomName: 'room1',
    subject: '',
    tileView: false,
    participants: [
      person('me0', { local: true, moderator: true, scripted: false }),
      person('ann1', { handRaised: 5, audioMuted: true }),
    ],
    chat: [],
    knocking: [],
    recording: false,
    virtualBackground: false,
    phase: 'joined',
    ...fields,
  };
}

async function render(view: MeetingView): Promise<SandboxMeetingElement> {
  const element = await fixture<SandboxMeetingElement>(html`<sandbox-meeting></sandbox-meeting>`);
  element.state = withView(INITIAL_STATE, view);
  await element.updateComplete;
  return element;
}

describe('meeting page: <sandbox-meeting>', () => {
  it('draws one tile per participant with its badges, in stage layout by default', async () => {
    const element = await render(meeting());
    expect(element.dataset['phase']).to.equal('joined');
    expect(element.querySelector('[data-layout="stage"]')).to.exist;
    expect(element.querySelectorAll('[data-participant-id]')).to.have.length(2);
    const ann = element.querySelector('[data-participant-id="ann1"]')!;
    expect(ann.hasAttribute('data-on-stage')).to.equal(true);
    expect(ann.hasAttribute('data-hand-raised')).to.equal(true);
    expect(ann.hasAttribute('data-audio-muted')).to.equal(true);
    expect(element.querySelector('[data-participant-id="me0"]')!.hasAttribute('data-moderator')).to.equal(true);
    expect(element.querySelector('[data-participant-id="me0"] [data-badge="moderator"]')).to.exist;
  });

  it('keeps every control of its toolbar on a phone’s width (375 px)', async () => {
    const phone = await fixture<HTMLDivElement>(
      html`<div style="width: 375px"><sandbox-meeting></sandbox-meeting></div>`,
    );
    const element = phone.querySelector<SandboxMeetingElement>('sandbox-meeting')!;
    element.state = withView(INITIAL_STATE, meeting());
    await element.updateComplete;
    const edges = phone.getBoundingClientRect();
    const controls = [...element.querySelectorAll('.toolbar button')];
    expect(controls).to.have.length(5);
    const outside = controls
      .filter((control) => {
        const box = control.getBoundingClientRect();
        return box.left < edges.left || box.right > edges.right;
      })
      .map((control) => control.textContent);
    expect(outside, 'controls outside the screen').to.deep.equal([]);
  });

  it('puts stageId on the stage, and uses a grid in tile view', async () => {
    const element = await render(meeting({ stageId: 'me0' }));
    expect(element.querySelector('[data-on-stage]')!.getAttribute('data-participant-id')).to.equal('me0');
    element.state = withView(element.state, meeting({ tileView: true }));
    await element.updateComplete;
    expect(element.querySelector('[data-layout="tile"]')).to.exist;
    expect(element.querySelectorAll('[data-participant-id]')).to.have.length(2);
  });

  it('shows the subject, LIVE, the virtual background, chat, knocks and a shared video', async () => {
    const element = await render(
      meeting({
        subject: 'Town hall',
        recording: true,
        virtualBackground: true,
        chat: [{ from: 'ann1', nick: 'Ann', message: 'hello', privateMessage: true, stamp: '2026-01-01T00:00:00Z' }],
        knocking: [{ id: 'bob2', name: 'Bob' }],
        sharedVideo: { url: 'https://www.youtube.com/watch?v=abcdefghijk', kind: 'youtube', by: 'ann1' },
      }),
    );
    expect(element.querySelector('[data-subject]')!.getAttribute('data-subject')).to.equal('Town hall');
    expect(element.querySelector('[data-live]')).to.exist;
    expect(element.querySelector('[data-local][data-virtual-background] [data-virtual-background-marker]')).to.exist;
    expect(element.querySelector('[data-chat] [data-chat-from="ann1"][data-private]')!.textContent).to.contain('hello');
    const shared = element.querySelector('[data-shared-video]')!;
    expect(shared.getAttribute('data-kind')).to.equal('youtube');
    expect(shared.textContent).to.contain('https://www.youtube.com/watch?v=abcdefghijk');
    setTimeout(() =>
      element.querySelector<HTMLButtonElement>('[data-knocking-id="bob2"] [data-action="admit"]')!.click(),
    );
    const { detail } = await oneEvent(element, 'sandbox-action');
    expect(detail).to.deep.equal({ name: 'answer-knocking-participant', args: ['bob2', true] });
  });

  it('plays a shared stream in a <video>', async () => {
    const element = await render(
      meeting({ sharedVideo: { url: 'https://localhost:1/live.m3u8', kind: 'stream', by: 'ann1' } }),
    );
    expect(element.querySelector('[data-shared-video][data-kind="stream"] video')!.getAttribute('src')).to.equal(
      'https://localhost:1/live.m3u8',
    );
  });

  it('shows the camera problem on the own tile', async () => {
    const element = await render(meeting());
    element.problems = [{ device: 'camera', type: 'gum.permission_denied', message: 'Permission denied' }];
    await element.updateComplete;
    expect(element.querySelector('[data-local] .avatar')).to.exist;
    expect(element.querySelector('[data-local] [data-media-problem]')!.getAttribute('data-media-problem')).to.equal(
      'gum.permission_denied',
    );
  });

  it('shows the lobby and password screens with the own preview', async () => {
    const element = await render(meeting({ phase: 'lobby', participants: [person('me0', { local: true })] }));
    expect(element.dataset['phase']).to.equal('lobby');
    expect(element.querySelector('[data-screen="lobby"] [data-participant-id="me0"]')).to.exist;
    element.state = withView(
      element.state,
      meeting({ phase: 'password', participants: [person('me0', { local: true })] }),
    );
    await element.updateComplete;
    const form = element.querySelector<HTMLFormElement>('[data-screen="password"] [data-password-form]')!;
    form.querySelector('input')!.value = 'secret';
    setTimeout(() => form.requestSubmit());
    const { detail } = await oneEvent(element, 'sandbox-action');
    expect(detail).to.deep.equal({ name: 'password', args: ['secret'] });
  });

  it('says why the page is out of the meeting: refused, knocked away, kicked, left, lost', async () => {
    const element = await fixture<SandboxMeetingElement>(html`<sandbox-meeting></sandbox-meeting>`);
    const show = async (state: SandboxMeetingElement['state']) => {
      element.state = state;
      await element.updateComplete;
      return element.querySelector('[data-screen]')!;
    };
    let screen = await show(refused(tokenRefusedAtConnect('Not acceptable by exp', true)));
    expect(element.dataset['phase']).to.equal('refused');
    expect(screen.getAttribute('data-error-name')).to.equal('connection.passwordRequired');
    expect(screen.textContent).to.contain('Not acceptable by exp');

    const waiting = withView(INITIAL_STATE, meeting({ phase: 'lobby' }));
    screen = await show(ended(lobbyRejected().reduce(afterWireEvent, waiting)));
    expect(screen.getAttribute('data-screen')).to.equal('refused');
    expect(screen.getAttribute('data-error-name')).to.equal('conference.connectionError.accessDenied');

    const joined = withView(INITIAL_STATE, meeting());
    const kick = {
      name: 'participant-kicked-out',
      kicked: { id: 'me0', name: 'Me', local: true },
      kicker: { id: 'ann1', name: 'Ann' },
    };
    screen = await show(ended(afterWireEvent(joined, kick)));
    expect(screen.getAttribute('data-screen')).to.equal('left');
    expect(screen.textContent).to.contain('Removed by Ann');

    screen = await show(ended(joined));
    expect(screen.textContent).to.contain('You left the meeting');

    screen = await show(lost(joined));
    expect(element.dataset['phase']).to.equal('lost');
    expect(screen.getAttribute('data-error-name')).to.equal('connection.droppedError');
    // Once out, nothing brings the meeting back.
    expect(withView(lost(joined), meeting()).phase).to.equal('lost');
  });

  describe('the look of a branding', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgo=';

    it('draws the watermark on the stage, linked with no way back to the page, and the stage background', async () => {
      const element = await render(meeting());
      const watermark = { imageUrl: logo, link: 'https://brand.example/' };
      element.look = { watermark, stage: { background: 'rgb(1, 2, 3)' } };
      await element.updateComplete;
      const link = element.querySelector<HTMLAnchorElement>('#largeVideoContainer > a.watermark-link')!;
      expect(link.getAttribute('href')).to.equal('https://brand.example/');
      expect(link.rel).to.equal('noopener');
      expect(link.target).to.equal('_new');
      expect(link.getAttribute('aria-label')).to.equal('Logo: opens brand.example');
      expect(getComputedStyle(link.querySelector('.watermark')!).backgroundImage).to.equal(`url("${logo}")`);
      const stage = element.querySelector<HTMLElement>('#largeVideoContainer')!;
      expect(getComputedStyle(stage).backgroundColor).to.equal('rgb(1, 2, 3)');
      // Without a link the logo is an image; without a watermark there is none.
      element.look = { watermark: { imageUrl: logo }, stage: { background: 'red' } };
      await element.updateComplete;
      expect(element.querySelector('a.watermark-link')).to.equal(null);
      expect(element.querySelector('.watermark[role="img"]')!.getAttribute('aria-label')).to.equal('Logo');
      element.look = { stage: { background: 'red' } };
      await element.updateComplete;
      expect(element.querySelector('.watermark')).to.equal(null);
    });

    it('gives a value only the property it is for: a colour cannot add declarations', async () => {
      const element = await render(meeting());
      element.look = { stage: { background: 'red; position: fixed; inset: 0' } };
      await element.updateComplete;
      const stage = element.querySelector<HTMLElement>('#largeVideoContainer')!;
      expect(getComputedStyle(stage).position).to.equal('relative');
      expect(stage.style.getPropertyValue('background')).to.equal('');
    });

    it('paints the lobby screen only while it is a pre-meeting screen', async () => {
      const element = await render(meeting({ phase: 'lobby' }));
      element.look = { stage: { background: 'red' }, premeetingBackground: `url("${logo}")` };
      await element.updateComplete;
      const screen = element.querySelector<HTMLElement>('[data-premeeting]')!;
      expect(getComputedStyle(screen).backgroundImage).to.equal(`url("${logo}")`);
      expect(getComputedStyle(screen).backgroundSize).to.equal('cover');
      element.state = refused(lobbyRejected());
      await element.updateComplete;
      const after = element.querySelector<HTMLElement>('.screen')!;
      expect(after.hasAttribute('data-premeeting')).to.equal(false);
      expect(getComputedStyle(after).backgroundImage).to.equal('none');
    });

    it('paints nothing while the paint is held for a pending branding', async () => {
      const element = await render(meeting());
      element.paintHeld = true;
      element.branding = 'pending';
      await element.updateComplete;
      expect(element.dataset['branding']).to.equal('pending');
      for (const child of element.children) expect(getComputedStyle(child).opacity).to.equal('0');
      element.paintHeld = false;
      await element.updateComplete;
      for (const child of element.children) expect(getComputedStyle(child).opacity).to.equal('1');
    });
  });
});
