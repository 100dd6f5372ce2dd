/**
 * Checks on what WHEP viewers send, done before anything reaches libwebrtc: a malformed offer must be
 * a 400, never a crash or (as seen with werift, docs/jitsi/media-testing.md §4.4) a 201 for garbage.
 */

/** Why an offer or fragment was refused; the message is sent back as the 400 body. */
export class SdpError extends Error {}

/** What the server needs to know about a valid offer. */
export interface OfferSummary {
  /** Media kinds the viewer is ready to receive. */
  readonly kinds: ReadonlySet<'audio' | 'video'>;
}

const LINE = /^[a-z]=.*$/;
const MEDIA = /^m=(audio|video|application) (\d+) (\S+)/;

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line !== '');
}

/** An SDP description split into its session part and its media sections (each starting with its `m=` line). */
function splitSections(all: string[]): { session: string[]; sections: string[][] } {
  const firstMedia = all.findIndex((line) => line.startsWith('m='));
  const session = firstMedia < 0 ? all : all.slice(0, firstMedia);
  const sections: string[][] = [];
  for (const line of firstMedia < 0 ? [] : all.slice(firstMedia)) {
    if (line.startsWith('m=')) sections.push([line]);
    else sections.at(-1)?.push(line);
  }
  return { session, sections };
}

/** Validates an SDP offer for a receive-only (or send-receive) WHEP session. */
export function checkOffer(sdp: string): OfferSummary {
  const all = lines(sdp);
  if (all[0] !== 'v=0') throw new SdpError('The body is not an SDP offer: it must start with "v=0".');
  const bad = all.find((line) => !LINE.test(line));
  if (bad !== undefined) throw new SdpError(`The offer has a malformed line: ${JSON.stringify(bad.slice(0, 80))}.`);
  const { session, sections } = splitSections(all);
  if (sections.length === 0) {
    throw new SdpError('The offer has no media section: add recvonly audio and video transceivers.');
  }
  const has = (section: string[], prefix: string) =>
    section.some((line) => line.startsWith(prefix)) || session.some((line) => line.startsWith(prefix));
  const kinds = new Set<'audio' | 'video'>();
  for (const section of sections) {
    const media = MEDIA.exec(section[0] ?? '');
    if (!media)
      throw new SdpError(`The offer has an unsupported media line: ${JSON.stringify(section[0]?.slice(0, 80))}.`);
    const [, kind, port, protocol] = media;
    if (kind === 'application' || port === '0') continue;
    if (!protocol?.includes('SAVPF'))
      throw new SdpError(`The ${kind} section must use DTLS-SRTP (UDP/TLS/RTP/SAVPF); got ${protocol}.`);
    for (const required of ['a=ice-ufrag:', 'a=ice-pwd:', 'a=fingerprint:']) {
      if (!has(section, required)) throw new SdpError(`The ${kind} section lacks ${required.slice(2, -1)}.`);
    }
    if (section.some((line) => line === 'a=sendonly' || line === 'a=inactive')) continue;
    kinds.add(kind as 'audio' | 'video');
  }
  if (kinds.size === 0) throw new SdpError('The offer receives neither audio nor video: add recvonly transceivers.');
  return { kinds };
}

/**
 * Where a (valid) offer departs from what WHEP asks of a player's offer: a BUNDLE group (max-bundle),
 * `a=rtcp-mux-only` in each media section, and no sendonly or inactive section. Recorded, not refused,
 * so that tests can hold a player to them while other clients still play.
 */
export function whepOfferProblems(sdp: string): string[] {
  const { session, sections } = splitSections(lines(sdp));
  const problems: string[] = [];
  if (!session.some((line) => line.startsWith('a=group:BUNDLE '))) problems.push('The offer has no BUNDLE group.');
  for (const section of sections) {
    const [, kind = '?', port] = MEDIA.exec(section[0] ?? '') ?? [];
    if (port === '0') continue;
    if (!section.includes('a=rtcp-mux-only')) problems.push(`The ${kind} section lacks a=rtcp-mux-only.`);
    const direction = section.find((line) => line === 'a=sendonly' || line === 'a=inactive');
    if (direction) problems.push(`The ${kind} section is ${direction.slice(2)}.`);
  }
  return problems;
}

/** The ICE username fragment of the first media section (or the session level). */
export function iceUfrag(sdp: string): string | undefined {
  return lines(sdp)
    .find((line) => line.startsWith('a=ice-ufrag:'))
    ?.slice('a=ice-ufrag:'.length);
}

/** A candidate from a trickle fragment, ready for `addIceCandidate`. */
export interface TrickleCandidate {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number;
}

export interface TrickleFragment {
  readonly ufrag: string | undefined;
  readonly candidates: readonly TrickleCandidate[];
  readonly endOfCandidates: boolean;
}

/** Parses an `application/trickle-ice-sdpfrag` body (RFC 8840). */
export function parseTrickleFragment(body: string): TrickleFragment {
  let ufrag: string | undefined;
  let mid: string | null = null;
  let index = 0;
  let sectionSeen = false;
  let endOfCandidates = false;
  const candidates: TrickleCandidate[] = [];
  for (const line of lines(body)) {
    if (!LINE.test(line))
      throw new SdpError(`The fragment has a malformed line: ${JSON.stringify(line.slice(0, 80))}.`);
    if (line.startsWith('m=')) {
      if (sectionSeen) index++;
      sectionSeen = true;
      mid = null;
    } else if (line.startsWith('a=mid:')) mid = line.slice('a=mid:'.length);
    else if (line.startsWith('a=ice-ufrag:')) ufrag ??= line.slice('a=ice-ufrag:'.length);
    else if (line.startsWith('a=candidate:')) {
      if (!/^candidate:\S+ \d+ \S+ \d+ \S+ \d+ typ \S+/.test(line.slice(2)))
        throw new SdpError(`Malformed candidate: ${JSON.stringify(line.slice(0, 120))}.`);
      candidates.push({ candidate: line.slice(2), sdpMid: mid, sdpMLineIndex: index });
    } else if (line === 'a=end-of-candidates') endOfCandidates = true;
  }
  return { ufrag, candidates, endOfCandidates };
}
