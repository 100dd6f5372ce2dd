/**
 * `<nano-meet>`'s roster (`participants`, participant-roster.ts) follows who comes, changes and goes, as the meeting
 * page says it. A page may say a lot: each of 20,000 participant-joined events copied the whole list twice, so the
 * flood cost time in the square of its length (20,000 joins after 7,000 took 10 s here, against 0.6 s now), and
 * a hostile page held the page's main thread as long as it liked. Each event now costs the same, however many came
 * before.
 */
import { expect } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';
import { event, fromMeetingPage } from './support/meeting-page.js';

/** Milliseconds `count` distinct participants take to join `el`, as its meeting page says they do. */
function flood(el: NanoMeetElement, count: number, prefix: string): number {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    fromMeetingPage(el, event('participant-joined', { id: `${prefix}${index}`, displayName: `Guest ${index}` }));
  }
  return performance.now() - started;
}

describe('<nano-meet> participants', () => {
  afterEach(cleanUp);

  it('follows joins, renames, roles and departures; a list handed out earlier does not change', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom(), name: 'Me', moderator: true }));
    const me = el.participants[0]!;
    const names = () =>
      el.participants.map((participant) => `${participant.displayName}${participant.moderator ? '*' : ''}`);
    fromMeetingPage(el, event('participant-joined', { id: 'a', displayName: 'Ann' }));
    fromMeetingPage(el, event('participant-joined', { id: 'b', displayName: 'Bob' }));
    fromMeetingPage(el, event('participant-joined', { id: 'c', displayName: 'Cy' }));
    const before = el.participants;
    expect(names()).to.deep.equal(['Me*', 'Ann', 'Bob', 'Cy']);
    fromMeetingPage(el, event('display-name-change', { id: 'b', displayname: 'Robert' }));
    fromMeetingPage(el, event('participant-role-changed', { id: 'b', role: 'moderator' }));
    fromMeetingPage(el, event('display-name-change', { id: 'nobody', displayname: 'Ghost' }));
    expect(names(), 'changed in place').to.deep.equal(['Me*', 'Ann', 'Robert*', 'Cy']);
    // One who joins again (a reconnection) is there once, at the end, as the meeting said last.
    fromMeetingPage(el, event('participant-joined', { id: 'a', displayName: 'Ann again' }));
    fromMeetingPage(el, event('participant-left', { id: 'c' }));
    fromMeetingPage(el, event('participant-left', { id: 'nobody' }));
    expect(names()).to.deep.equal(['Me*', 'Robert*', 'Ann again']);
    expect(el.participants.map((participant) => participant.id)).to.deep.equal([me.id, 'b', 'a']);
    expect(
      before.map((participant) => participant.displayName),
      'the earlier list',
    ).to.deep.equal(['Me', 'Ann', 'Bob', 'Cy']);
    expect(before[2]!.moderator, 'an earlier participant object').to.equal(false);
    await el.kickParticipant('c').then(
      () => expect.fail('c has left'),
      (error: { code: string }) => expect(error.code).to.equal('invalid-argument'),
    );
  });

  it('takes a flood of joins in time proportional to its length', async function () {
    this.timeout(60_000);
    const el = await joined(await meeting('native', { room: uniqueRoom(), name: 'Me' }));
    flood(el, 2_000, 'warm-up-');
    const short = flood(el, 5_000, 'short-');
    const long = flood(el, 20_000, 'long-');
    console.log(`5,000 joins: ${short.toFixed(0)} ms; 20,000 more: ${long.toFixed(0)} ms`);
    expect(el.participants.length).to.equal(1 + 2_000 + 5_000 + 20_000);
    expect(el.participants.at(-1)!.displayName).to.equal('Guest 19999');
    // Four times the events: four times the time if each costs the same, sixteen if each copies the list.
    expect(long / short, `${long.toFixed(0)} ms for 20,000 joins, ${short.toFixed(0)} ms for 5,000`).to.be.below(8);
  });
});
