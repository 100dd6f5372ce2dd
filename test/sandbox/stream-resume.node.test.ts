/**
 * A page connection that breaks and comes back, as Jitsi's XMPP stream resumption works (docs/jitsi/failures.md S8):
 * the server keeps the session for its hibernation time and replays what the page missed; the page's tries follow
 * lib-jitsi-meet's ResumeTask. Also the control API's outage for one page, and a page that leaves on unload.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { JITSI_RESUME, resumeDelayMs, resumeSettings } from '../../src/sandbox/meeting-page/resume-timing.js';
import { ResumeTask } from '../../src/sandbox/meeting-page/resume-task.js';
import { call, mintToken, NodePage } from './support/node-page.js';

const HIBERNATION_MS = 1000;
let sandbox: RunningSandbox;
let rooms = 0;

before(async () => {
  sandbox = await startSandbox({ media: false, resume: { unitMs: 50, hibernationMs: HIBERNATION_MS } });
});
after(() => sandbox.close());

async function pair(): Promise<{ room: string; ann: NodePage; bob: NodePage }> {
  rooms += 1;
  const room = `resume_${rooms}`;
  const open = async (fields: Record<string, unknown>) =>
    NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room, ...fields }));
  const ann = await open({ moderator: true, name: 'Ann' });
  const bob = await open({ name: 'Bob' });
  await ann.next('participant-joined', (event) => event['id'] === bob.id);
  return { room, ann, bob };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error(`Still waiting for ${what}.`);
    await sleep(10);
  }
}

/** Resolves when `page` sees `who` leave the room. */
function seesLeave(page: NodePage, who: NodePage): Promise<unknown> {
  return page.next('participant-left', (event) => event['id'] === who.id);
}

function leftIds(page: NodePage): unknown[] {
  return page.events.filter((event) => event.name === 'participant-left').map((event) => event['id']);
}

describe('sandbox: resuming a broken page connection', () => {
  it("tells the page how to resume: the sandbox's timing, Jitsi's by default", async () => {
    const { ann, bob } = await pair();
    assert.ok(ann.join.ok);
    assert.deepEqual(ann.join.resume, { unitMs: 50, attempts: 3 });
    assert.deepEqual(resumeSettings(), JITSI_RESUME);
    assert.deepEqual(JITSI_RESUME, { unitMs: 1000, attempts: 3, hibernationMs: 60_000 });
    assert.throws(() => resumeSettings({ unitMs: 0 }), RangeError);
    assert.throws(() => resumeSettings({ attempts: 1.5 }), RangeError);
    ann.close();
    bob.close();
  });

  it('keeps a page whose stream broke, and replays what it missed when it comes back', async () => {
    const { ann, bob } = await pair();
    bob.vanish();
    await ann.command('send-chat-message', 'while you were away');
    assert.equal(await bob.resume(), 200);
    const missed = await bob.next('incoming-message');
    assert.equal(missed['message'], 'while you were away');
    await bob.command('toggle-raise-hand');
    await ann.next('raise-hand-updated', (event) => event['id'] === bob.id);
    const { participants } = sandbox.hub.snapshot(ann.roomKey)!;
    assert.deepEqual(
      participants.map(({ id, resumes }) => ({ id, resumes })),
      [
        { id: ann.id, resumes: 0 },
        { id: bob.id, resumes: 1 },
      ],
    );
    await sleep(HIBERNATION_MS + 100);
    assert.deepEqual(leftIds(ann), [], 'a resumed break is invisible to the others');
    ann.close();
    bob.close();
  });

  it('forgets a page that does not come back within the hibernation time: the others see it leave', async () => {
    const { ann, bob } = await pair();
    const started = Date.now();
    bob.vanish();
    await seesLeave(ann, bob);
    assert.ok(Date.now() - started >= HIBERNATION_MS - 20, 'not before the hibernation time');
    assert.equal(await bob.resume(), 404, 'the session is gone: a resume is refused');
    ann.close();
  });

  it('tells a page that returns what ended its session while it was away', async () => {
    const { room, ann, bob } = await pair();
    await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants/${bob.id}/break`, { ms: 1 });
    await until(() => bob.dropped, 'the break');
    await ann.command('kick-participant', bob.id);
    await seesLeave(ann, bob);
    assert.equal(await bob.resume(), 200);
    await bob.next('participant-kicked-out');
    await bob.next('video-conference-left');
    await until(() => bob.ended, 'the end of the session');
    ann.close();
  });

  it('refuses a resume it cannot make whole, and the session is over', async () => {
    const { ann, bob } = await pair();
    bob.vanish();
    assert.equal(await bob.resume(1_000_000), 410, 'after a frame never sent');
    await seesLeave(ann, bob);
    ann.close();
  });

  it('lets a page that unloads leave at once', async () => {
    const { ann, bob } = await pair();
    const started = Date.now();
    bob.close();
    await seesLeave(ann, bob);
    assert.ok(Date.now() - started < HIBERNATION_MS, 'without waiting for the hibernation time');
    ann.close();
  });
});

describe('sandbox control API: an outage for one page', () => {
  it("cuts the stream, fails the page's connections while it lasts, then lets it resume", async () => {
    const { room, ann, bob } = await pair();
    const path = `/_sandbox/control/rooms/${room}/participants/${bob.id}/break`;
    assert.equal((await call(sandbox, 'POST', path, { ms: 200 })).status, 200);
    await until(() => bob.dropped, 'the break');
    await assert.rejects(bob.resume(), 'the stream cannot be reopened during the outage');
    await assert.rejects(bob.command('toggle-raise-hand'), 'nor can the page post');
    await ann.command('send-chat-message', 'during the outage');
    await sleep(200);
    assert.equal(await bob.resume(), 200);
    assert.equal((await bob.next('incoming-message'))['message'], 'during the outage');
    await bob.command('toggle-raise-hand');
    await ann.next('raise-hand-updated', (event) => event['id'] === bob.id);
    assert.deepEqual(leftIds(ann), []);
    ann.close();
    bob.close();
  });

  it('refuses a break without a length, or for someone who is not a meeting page', async () => {
    const { room, ann, bob } = await pair();
    const participants = `/_sandbox/control/rooms/${room}/participants`;
    assert.equal((await call(sandbox, 'POST', `${participants}/${bob.id}/break`, {})).status, 400);
    assert.equal((await call(sandbox, 'POST', `${participants}/${bob.id}/break`, { ms: 0 })).status, 400);
    const robot = (await call(sandbox, 'POST', participants, { name: 'Robot' })).json<{ id: string }>();
    assert.equal((await call(sandbox, 'POST', `${participants}/${robot.id}/break`, { ms: 100 })).status, 404);
    ann.close();
    bob.close();
  });
});

describe('meeting page: when it tries to resume (lib-jitsi-meet ResumeTask)', () => {
  it('waits 1.5–3, 3–9, then 4.5–27 units before the tries', () => {
    const bounds = [1, 2, 3].map((n) => [resumeDelayMs(n, 1000, () => 0), resumeDelayMs(n, 1000, () => 0.999999)]);
    assert.deepEqual(bounds, [
      [1500, 2999],
      [3000, 8999],
      [4500, 26999],
    ]);
  });

  it('tries three times, gives up when the third try fails, and counts afresh after a success', async () => {
    const log: string[] = [];
    let succeed = false;
    const task: ResumeTask = new ResumeTask({
      timing: { unitMs: 2, attempts: 3 },
      tryResume: () => {
        log.push('try');
        queueMicrotask(() => (succeed ? task.resumed() : task.broke()));
      },
      giveUp: () => log.push('gave up'),
    });
    task.broke();
    assert.equal(task.resuming, true);
    await task.settled();
    assert.deepEqual(log, ['try', 'try', 'try', 'gave up']);
    log.length = 0;
    succeed = true;
    task.broke();
    await task.settled();
    assert.deepEqual(log, ['try']);
    assert.equal(task.resuming, false);
    succeed = false;
    task.broke();
    await task.settled();
    assert.deepEqual(log, ['try', 'try', 'try', 'try', 'gave up'], 'a resumed break leaves the next one all its tries');
  });
});
