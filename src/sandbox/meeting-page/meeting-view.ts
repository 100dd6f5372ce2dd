import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { MeetingView, ParticipantView, SharedVideoView } from '../protocol/page-protocol.js';
import type { DynamicBranding } from './dynamic-branding.js';
import type { MediaProblem } from './local-media.js';
import type { MeetingLook } from './meeting-look.js';
import type { PageState } from './page-state.js';
import { meetingViewStyles } from './meeting-view.styles.js';
import { paintLook } from './paint-look.js';

/** A command the person gave with the page's own buttons, for the page to send like a host command. */
export interface MeetingAction {
  name: string;
  args: unknown[];
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase());
  return letters.join('') || '?';
}

/** What fills the stage in stage layout: the chosen participant, else a shared video, else someone else. */
function stageOf(view: MeetingView): { participant: ParticipantView } | { video: SharedVideoView } | undefined {
  const chosen = view.participants.find((participant) => participant.id === view.stageId);
  if (chosen) return { participant: chosen };
  if (view.sharedVideo) return { video: view.sharedVideo };
  const someone = view.participants.find((participant) => !participant.local) ?? view.participants[0];
  return someone && { participant: someone };
}

/**
 * The sandbox's meeting page: draws the server's {@link MeetingView} and the page's own state.
 *
 * @summary A stand-in for Jitsi's meeting UI, driven by the host page and the sandbox server.
 * @tagname sandbox-meeting
 *
 * The element renders into its light DOM and adopts its stylesheet into the document: it is the whole page,
 * and end-to-end tests find `[data-participant-id]`, `[data-screen]` and the rest with plain
 * `document.querySelector`, without piercing a shadow root.
 *
 * @attr data-phase - Where the page is: `connecting`, `joined`, `lobby`, `password`, `refused`, `left` or `lost`.
 * @attr data-branding - Where the dynamic branding is: `none` (no branding URL), `pending`, `ready` or `failed`.
 * @attr data-paint-held - Present while the page hides its paint for a pending branding, as Jitsi does.
 * @fires sandbox-action - One of the page's buttons was used; `detail` is a {@link MeetingAction}.
 */
export class SandboxMeetingElement extends LitElement {
  static override properties = {
    state: { attribute: false },
    stream: { attribute: false },
    problems: { attribute: false },
    look: { attribute: false },
    branding: { attribute: false },
    paintHeld: { attribute: false },
  };

  /** The page's state: the phase, the server's view and, outside the meeting, the notice to show. */
  declare state: PageState;
  /** The participant's own camera and microphone, if any. */
  declare stream: MediaStream | undefined;
  /** Why the camera or microphone is missing. */
  declare problems: MediaProblem[];
  /** What the page shows of the deployment's and the branding's look: watermark, stage and lobby backgrounds. */
  declare look: MeetingLook;
  /** Where the dynamic branding is. */
  declare branding: DynamicBranding['status'];
  /** While true the page paints nothing (for at most 3 s, dynamic-branding.ts). */
  declare paintHeld: boolean;

  constructor() {
    super();
    this.state = { phase: 'connecting' };
    this.stream = undefined;
    this.problems = [];
    this.look = { stage: { background: '' } };
    this.branding = 'none';
    this.paintHeld = false;
  }

  protected override createRenderRoot(): HTMLElement {
    const sheet = meetingViewStyles.styleSheet;
    if (sheet && !document.adoptedStyleSheets.includes(sheet))
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return this;
  }

  protected override updated(): void {
    this.dataset['phase'] = this.state.phase;
    this.dataset['branding'] = this.branding;
    this.toggleAttribute('data-paint-held', this.paintHeld);
    // Every render may have made the stage or the lobby screen anew: paint them each time.
    paintLook(this, this.look);
  }

  protected override render(): TemplateResult {
    const { view, phase } = this.state;
    return html`
      <header class="bar">
        <h1 data-subject=${view?.subject ?? ''}>${view?.subject || view?.roomName || 'Meeting'}</h1>
        ${view?.subject ? html`<span class="room">${view.roomName}</span>` : nothing}
        ${view?.recording ? html`<span class="live" data-live role="status" aria-label="Live: this meeting is being broadcast">LIVE</span>` : nothing}
      </header>
      ${phase === 'joined' && view ? this.#meeting(view) : this.#screen()}
      ${phase === 'joined' && view ? this.#toolbar(view) : html`<div></div>`}
    `;
  }

  #screen(): TemplateResult {
    const { phase, notice, view } = this.state;
    const self = view?.participants.find((participant) => participant.local);
    const preview = self && (phase === 'lobby' || phase === 'password') ? this.#tile(self, view!) : nothing;
    switch (phase) {
      case 'connecting':
        return this.#screenSection('Joining the meeting…', undefined);
      case 'lobby':
        return this.#screenSection('Waiting in the lobby', 'A moderator will let you in soon.', preview);
      case 'password':
        // Jitsi asks for the password on its lobby screen, a pre-meeting screen too.
        return this.#screenSection(
          'This meeting is locked',
          'Enter the meeting password.',
          html`${preview}
            <form data-password-form @submit=${this.#submitPassword}>
              <input type="password" name="password" aria-label="Meeting password" autocomplete="off" />
              <button type="submit">Join</button>
            </form>`,
        );
      default:
        return this.#screenSection(
          notice?.title ?? 'You are not in the meeting.',
          notice?.detail,
          notice?.code ? html`<p class="code">${notice.code}</p>` : nothing,
        );
    }
  }

  #screenSection(title: string, detail: string | undefined, extra: unknown = nothing): TemplateResult {
    const { phase } = this.state;
    return html`<section
      class="screen"
      data-screen=${phase}
      data-error-name=${this.state.notice?.code ?? nothing}
      ?data-premeeting=${phase === 'lobby' || phase === 'password'}
      role="status"
    >
      <h2>${title}</h2>
      ${detail ? html`<p>${detail}</p>` : nothing} ${extra}
    </section>`;
  }

  #meeting(view: MeetingView): TemplateResult {
    return html`<div class="body">
      ${view.tileView ? this.#grid(view) : this.#stage(view)}
      <aside class="side">${this.#knocking(view)} ${this.#chat(view)}</aside>
    </div>`;
  }

  #grid(view: MeetingView): TemplateResult {
    return html`<main class="grid" id="largeVideoContainer" data-layout="tile">
      ${this.#watermark()} ${view.sharedVideo ? this.#sharedVideo(view.sharedVideo, view) : nothing}
      ${view.participants.map((participant) => this.#tile(participant, view))}
    </main>`;
  }

  #stage(view: MeetingView): TemplateResult {
    const stage = stageOf(view);
    const onStage = stage && 'participant' in stage ? stage.participant : undefined;
    return html`<main class="stage" id="largeVideoContainer" data-layout="stage">
      ${this.#watermark()}
      <div class="large">
        ${stage && 'video' in stage ? this.#sharedVideo(stage.video, view) : onStage ? this.#tile(onStage, view, true) : nothing}
      </div>
      <div class="filmstrip">
        ${view.participants.filter((participant) => participant !== onStage).map((participant) => this.#tile(participant, view))}
        ${stage && 'participant' in stage && view.sharedVideo ? this.#sharedVideo(view.sharedVideo, view) : nothing}
      </div>
    </main>`;
  }

  #tile(participant: ParticipantView, view: MeetingView, onStage = false): TemplateResult {
    const { local } = participant;
    const showVideo = local && !participant.videoMuted && (this.stream?.getVideoTracks().length ?? 0) > 0;
    const camera = local ? this.problems.find((problem) => problem.device === 'camera') : undefined;
    const microphone = local ? this.problems.find((problem) => problem.device === 'microphone') : undefined;
    return html`<article
      class="tile"
      data-participant-id=${participant.id}
      ?data-local=${local}
      ?data-moderator=${participant.moderator}
      ?data-hand-raised=${participant.handRaised > 0}
      ?data-audio-muted=${participant.audioMuted}
      ?data-video-muted=${participant.videoMuted}
      ?data-on-stage=${onStage}
      ?data-virtual-background=${local && view.virtualBackground}
      aria-label=${participant.displayName}
    >
      ${
        showVideo
          ? html`<video autoplay playsinline muted .muted=${true} .srcObject=${this.stream ?? null}></video>`
          : html`<div class="avatar" aria-hidden="true">${initials(participant.displayName)}</div>`
      }
      ${local && view.virtualBackground ? html`<span class="marker" data-virtual-background-marker>Virtual background</span>` : nothing}
      ${
        camera || microphone
          ? html`<p data-media-problem=${[camera?.type, microphone?.type].filter(Boolean).join(' ')}>
            ${camera ? html`Camera unavailable (${camera.message || camera.type}).` : nothing}
            ${microphone ? html`Microphone unavailable (${microphone.message || microphone.type}).` : nothing}
          </p>`
          : nothing
      }
      <footer class="caption">
        <span class="name">${participant.displayName}${local ? ' (me)' : ''}</span>
        ${participant.moderator ? html`<span data-badge="moderator">Moderator</span>` : nothing}
        ${participant.handRaised > 0 ? html`<span data-badge="hand-raised" role="img" aria-label="Hand raised">Hand raised</span>` : nothing}
        ${participant.audioMuted ? html`<span data-badge="audio-muted">Mic off</span>` : nothing}
        ${participant.videoMuted ? html`<span data-badge="video-muted">Camera off</span>` : nothing}
      </footer>
    </article>`;
  }

  /**
   * Jitsi's watermark: `div.watermark.leftwatermark`, in `<a target="_new">` when it links somewhere. Its image is
   * painted through the CSSOM (paint-look.ts); the link is an http(s) URL (meeting-look.ts), opened without a way
   * back to this page.
   */
  #watermark(): TemplateResult | typeof nothing {
    const mark = this.look.watermark;
    if (!mark) return nothing;
    if (!mark.link) return html`<div class="watermark leftwatermark" role="img" aria-label="Logo"></div>`;
    const label = `Logo: opens ${new URL(mark.link).host}`;
    return html`<a class="watermark-link" href=${mark.link} target="_new" rel="noopener" aria-label=${label}
      ><div class="watermark leftwatermark"></div
    ></a>`;
  }

  #sharedVideo(video: SharedVideoView, view: MeetingView): TemplateResult {
    const by = view.participants.find((participant) => participant.id === video.by)?.displayName ?? 'someone';
    // The sandbox is offline: a YouTube video cannot play, so it is shown as a card with its address.
    return html`<section class="shared-video" data-shared-video data-kind=${video.kind} data-url=${video.url}>
      ${
        video.kind === 'stream'
          ? html`<video src=${video.url} autoplay muted playsinline controls .muted=${true}></video>`
          : html`<strong>YouTube video</strong>`
      }
      <span>Shared by ${by}</span>
      <code>${video.url}</code>
    </section>`;
  }

  #knocking(view: MeetingView): TemplateResult | typeof nothing {
    if (view.knocking.length === 0) return nothing;
    return html`<section class="panel" data-knocking aria-label="Waiting in the lobby">
      <h2>Waiting in the lobby (${view.knocking.length})</h2>
      <ul>
        ${view.knocking.map(
          ({ id, name }) => html`<li data-knocking-id=${id}>
            ${name}
            <button type="button" data-action="admit" @click=${() => this.#act('answer-knocking-participant', [id, true])}>Admit</button>
            <button type="button" data-action="reject" @click=${() => this.#act('answer-knocking-participant', [id, false])}>Reject</button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #chat(view: MeetingView): TemplateResult {
    return html`<section class="panel" aria-label="Chat">
      <h2>Chat</h2>
      ${
        view.chat.length === 0
          ? html`<p class="empty">No messages yet.</p>`
          : html`<ol data-chat>
            ${view.chat.map(
              (line) => html`<li data-chat-from=${line.from} ?data-private=${line.privateMessage}>
                <strong>${line.nick}</strong>${line.privateMessage ? ' (private)' : ''}: ${line.message}
              </li>`,
            )}
          </ol>`
      }
    </section>`;
  }

  #toolbar(view: MeetingView): TemplateResult {
    const self = view.participants.find((participant) => participant.local);
    const button = (name: string, label: string) =>
      html`<button type="button" data-action=${name} @click=${() => this.#act(name, [])}>${label}</button>`;
    return html`<nav class="toolbar" aria-label="Meeting controls">
      ${button('toggle-audio', self?.audioMuted ? 'Unmute' : 'Mute')} ${button('toggle-video', self?.videoMuted ? 'Start camera' : 'Stop camera')}
      ${button('toggle-raise-hand', self && self.handRaised > 0 ? 'Lower hand' : 'Raise hand')}
      ${button('toggle-tile-view', view.tileView ? 'Stage view' : 'Tile view')} ${button('video-hangup', 'Leave')}
    </nav>`;
  }

  #submitPassword(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement | null;
    if (input) this.#act('password', [input.value]);
  }

  #act(name: string, args: unknown[]): void {
    this.dispatchEvent(
      new CustomEvent<MeetingAction>('sandbox-action', { detail: { name, args }, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sandbox-meeting': SandboxMeetingElement;
  }
  interface HTMLElementEventMap {
    'sandbox-action': CustomEvent<MeetingAction>;
  }
}

/** Defines `<sandbox-meeting>` once. */
export function defineMeetingView(): void {
  if (!customElements.get('sandbox-meeting')) customElements.define('sandbox-meeting', SandboxMeetingElement);
}
