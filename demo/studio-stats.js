// The studio's live statistics: the meeting's (nano-meet-stats) and the playout's (nano-meet-playout-stats) side
// by side, each measurement a sparkline with a sentence for screen readers.
import { sparkline } from '/demo/sparkline.js';

const count = (value) => String(Math.round(value));
const kbps = (value) => `${Math.round(value)} kbit/s`;
const ms = (value) => `${Math.round(value)} ms`;

function chart(id, options) {
  return sparkline(document.getElementById(id), options);
}

/** Draws the statistics of `meeting` and `playout` into the `.stats` figures of the studio. */
export function studioStats({ meeting, playout, meetingState, playoutState }) {
  const participants = chart('stats-participants', { label: 'People in the meeting', format: count });
  const rtt = chart('stats-rtt', { label: 'Round trip to the meeting bridge', format: ms });
  const latency = chart('stats-latency', { label: 'Viewer latency', format: (value) => ms(value * 1000) });
  const bitrate = chart('stats-bitrate', { label: 'Viewer bitrate', format: kbps });

  meeting.addEventListener('nano-meet-stats', ({ detail }) => {
    participants(detail.participants.total);
    // Absent when the deployment does not answer getConnectionStats: a gap, not a zero.
    rtt(detail.connection?.jvbRTT);
    const path = detail.p2p === undefined ? '' : detail.p2p ? 'direct (P2P)' : 'through the bridge';
    const onAir = detail.recording.stream ? 'on air' : 'not on air';
    meetingState.textContent = [path && `Media ${path}`, onAir].filter(Boolean).join(', ') + '.';
  });
  playout.addEventListener('nano-meet-playout-stats', ({ detail }) => {
    latency(detail.latency);
    bitrate(detail.bitrateKbps);
    playoutState.textContent = `${detail.protocol.toUpperCase()}, ${detail.width}×${detail.height}.`;
  });
}
