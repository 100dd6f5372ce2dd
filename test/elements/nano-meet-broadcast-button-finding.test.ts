/**
 * How `<nano-meet-broadcast-button>` finds its meeting, whatever the order in which a page builds itself:
 * by `for="<id>"` (in the document or in a shadow root) and as the `<nano-meet>` it is inside.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetBroadcastButtonElement } from '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';
import { button, settled, shadowButton, statusText } from './support/broadcast-button-fixture.js';

const NO_MEETING = 'No meeting to broadcast.';
const NOT_JOINED = 'Join the meeting to broadcast.';

let ids = 0;
function uniqueId(): string {
  ids += 1;
  return `meeting-${ids}`;
}

/** Names each meeting for assertions: a failing comparison of elements themselves hangs the test runner. */
const names = new WeakMap<Element, string>();
function nameOf(meeting: Element | undefined): string {
  return meeting ? (names.get(meeting) ?? 'an unnamed element') : 'no meeting';
}
function labelled<T extends Element>(el: T, id: string | undefined, kind: string): T {
  if (id) el.id = id;
  names.set(el, `${kind} meeting ${uniqueId()}`);
  return el;
}

/** A moderator's meeting with a token for the sandbox, not yet on the page. */
async function moderatorMeeting(id?: string): Promise<NanoMeetElement> {
  return labelled(await meeting('native', { room: uniqueRoom(), moderator: true }), id, 'moderator');
}

/** A `<nano-meet>` without a token: it stays idle, which the button shows as "Join the meeting…". */
function idleMeeting(id?: string): NanoMeetElement {
  return labelled(document.createElement('nano-meet'), id, 'idle');
}

/** Asserts what the button controls and what a person sees: enabled for a joined moderator, else why not. */
function expectControls(
  control: NanoMeetBroadcastButtonElement,
  meeting: NanoMeetElement | undefined,
  reason?: string,
) {
  expect(nameOf(control.meeting)).to.equal(nameOf(meeting));
  expect(shadowButton(control).disabled).to.equal(reason !== undefined);
  if (reason) expect(statusText(control)).to.equal(reason);
}

describe('<nano-meet-broadcast-button> finds its meeting', () => {
  const placed: Element[] = [];
  function place<T extends Element>(el: T): T {
    document.body.append(el);
    placed.push(el);
    return el;
  }
  afterEach(() => {
    cleanUp();
    for (const el of placed.splice(0)) el.remove();
  });

  describe('with for="<id>"', () => {
    it('when the meeting is on the page before the button', async () => {
      const id = uniqueId();
      const el = await joined(await moderatorMeeting(id));
      const control = place(button({ for: id }));
      await settled(control);
      expectControls(control, el);
    });

    it('when the meeting is appended in the same task as the button', async () => {
      const id = uniqueId();
      const el = await moderatorMeeting(id);
      const control = place(button({ for: id }));
      await joined(el);
      await settled(control);
      expectControls(control, el);
    });

    it('when the meeting is appended right after the button has rendered', async () => {
      const id = uniqueId();
      const el = await moderatorMeeting(id);
      const control = place(button({ for: id }));
      await settled(control);
      expectControls(control, undefined, NO_MEETING);
      await joined(el);
      await settled(control);
      expectControls(control, el);
    });

    it('when the meeting is appended a while later, inside other elements', async () => {
      const id = uniqueId();
      const el = await moderatorMeeting(id);
      const control = place(button({ for: id }));
      await settled(control);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expectControls(control, undefined, NO_MEETING);
      const wrapper = document.createElement('section');
      wrapper.append(el);
      const ready = joined(el);
      place(wrapper);
      await ready;
      await settled(control);
      expectControls(control, el);
    });

    it('when the meeting is replaced by another with the same id', async () => {
      const id = uniqueId();
      const first = await joined(await moderatorMeeting(id));
      const control = place(button({ for: id }));
      await settled(control);
      expectControls(control, first);

      const second = place(idleMeeting(id));
      first.remove();
      await settled(control);
      expectControls(control, second, NOT_JOINED);

      // An element with the id earlier in the document wins, as with getElementById.
      const third = idleMeeting(id);
      const earlier = document.createElement('div');
      earlier.append(third);
      document.body.prepend(earlier);
      placed.push(earlier);
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(third));
    });

    it("when another element takes the id, or the meeting's id changes", async () => {
      const id = uniqueId();
      const first = await joined(await moderatorMeeting(id));
      const second = place(idleMeeting());
      const control = place(button({ for: id }));
      await settled(control);
      expectControls(control, first);

      first.id = 'renamed';
      await settled(control);
      expectControls(control, undefined, NO_MEETING);

      second.id = id;
      await settled(control);
      expectControls(control, second, NOT_JOINED);

      second.removeAttribute('id');
      first.id = id;
      await settled(control);
      expectControls(control, first);

      // An element that is not a meeting takes the id: there is no meeting to broadcast.
      first.id = 'renamed';
      place(document.createElement('div')).id = id;
      await settled(control);
      expectControls(control, undefined, NO_MEETING);
    });

    it('when the meeting goes away: disabled, says so, and no longer follows it', async () => {
      const id = uniqueId();
      const el = await joined(await moderatorMeeting(id));
      const control = place(button({ for: id }));
      await settled(control);
      expectControls(control, el);

      el.remove();
      await settled(control);
      expectControls(control, undefined, NO_MEETING);
      expect(shadowButton(control).title).to.equal(NO_MEETING);
      // Its events no longer reach the button.
      el.dispatchEvent(new CustomEvent('nano-meet-broadcast-error', { detail: { message: 'Not for this button.' } }));
      await settled(control);
      expect(statusText(control)).to.equal(NO_MEETING);
    });

    it('when for changes, or is set on a button inside another meeting', async () => {
      const outer = idleMeeting();
      const elsewhere = place(idleMeeting(uniqueId()));
      place(outer);
      const control = button();
      outer.append(control);
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(outer));

      control.htmlFor = elsewhere.id;
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(elsewhere));

      control.htmlFor = 'nothing-here';
      await settled(control);
      expectControls(control, undefined, NO_MEETING);

      control.htmlFor = '';
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(outer));
    });

    it('in a shadow root: the meeting in the same shadow root, appended after the button', async () => {
      const id = uniqueId();
      const host = place(document.createElement('div'));
      const root = host.attachShadow({ mode: 'open' });
      const control = button({ for: id });
      root.append(control);
      await settled(control);
      expectControls(control, undefined, NO_MEETING);

      const el = await moderatorMeeting(id);
      const ready = joined(el);
      root.append(el);
      await ready;
      await settled(control);
      expectControls(control, el);

      el.remove();
      await settled(control);
      expectControls(control, undefined, NO_MEETING);
    });

    it('in a shadow root: a meeting in the document, unless the shadow root has one with that id', async () => {
      const id = uniqueId();
      const host = place(document.createElement('div'));
      const root = host.attachShadow({ mode: 'open' });
      const control = button({ for: id });
      root.append(control);
      const onPage = place(idleMeeting(id));
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(onPage));

      const inside = idleMeeting(id);
      root.append(inside);
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(inside));

      inside.remove();
      await settled(control);
      expect(nameOf(control.meeting)).to.equal(nameOf(onPage));
    });
  });

  describe('inside a <nano-meet>', () => {
    it('is shown over the meeting, where a pointer reaches it, and controls that meeting', async () => {
      const around = place(await moderatorMeeting());
      around.style.height = '320px';
      const control = button();
      around.append(control);
      await joined(around);
      await settled(control);
      expectControls(control, around);
      const box = control.getBoundingClientRect();
      expect(box.width, 'the button has a size').to.be.greaterThan(0);
      const meetingBox = around.getBoundingClientRect();
      expect(box.top >= meetingBox.top && box.bottom <= meetingBox.bottom, 'inside the meeting box').to.equal(true);
      // Over the iframe: the point at the button's centre hits the button, not the meeting.
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      expect(hit === control || control.contains(hit ?? null), 'the button is on top').to.equal(true);
    });

    it('follows the button when it is moved out of its meeting and into another', async () => {
      const first = await moderatorMeeting();
      const control = button();
      first.append(control);
      await joined(first);
      await settled(control);
      expectControls(control, first);

      place(control);
      await settled(control);
      expectControls(control, undefined, NO_MEETING);

      const second = place(idleMeeting());
      second.append(control);
      await settled(control);
      expectControls(control, second, NOT_JOINED);

      first.append(control);
      await settled(control);
      expectControls(control, first);
    });
  });

  it('leaves no observers or meeting listeners behind after 1000 mounts and unmounts', async () => {
    const id = uniqueId();
    const byId = place(idleMeeting(id));
    const around = place(idleMeeting());
    const observers = new Set<MutationObserver>();
    const listeners = new Map<EventTarget, number>();
    const { observe, disconnect } = MutationObserver.prototype;
    const { addEventListener, removeEventListener } = EventTarget.prototype;
    // Counts what is observed and listened to on the two meetings, without changing what happens.
    MutationObserver.prototype.observe = function (this: MutationObserver, ...args) {
      observers.add(this);
      return observe.apply(this, args);
    };
    MutationObserver.prototype.disconnect = function (this: MutationObserver) {
      observers.delete(this);
      return disconnect.call(this);
    };
    for (const target of [byId, around]) {
      target.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
        listeners.set(this, (listeners.get(this) ?? 0) + 1);
        return addEventListener.apply(this, args);
      };
      target.removeEventListener = function (
        this: EventTarget,
        ...args: Parameters<EventTarget['removeEventListener']>
      ) {
        listeners.set(this, (listeners.get(this) ?? 0) - 1);
        return removeEventListener.apply(this, args);
      };
    }
    const before = { observers: observers.size, byId: listeners.get(byId) ?? 0, around: listeners.get(around) ?? 0 };
    try {
      const reused = button({ for: id });
      for (let cycle = 0; cycle < 1000; cycle += 1) {
        const kind = cycle % 3;
        const control = kind === 0 ? reused : button(kind === 1 ? { for: id } : {});
        (kind === 2 ? around : document.body).append(control);
        await control.updateComplete;
        expect(nameOf(control.meeting)).to.equal(nameOf(kind === 2 ? around : byId));
        control.remove();
      }
      expect(observers.size).to.equal(before.observers);
      expect(listeners.get(byId) ?? 0).to.equal(before.byId);
      expect(listeners.get(around) ?? 0).to.equal(before.around);
    } finally {
      Object.assign(MutationObserver.prototype, { observe, disconnect });
      for (const target of [byId, around]) {
        Reflect.deleteProperty(target, 'addEventListener');
        Reflect.deleteProperty(target, 'removeEventListener');
      }
    }
  });
});
