/**
 * The live view of a recording playlist. While recording, ffmpeg keeps every segment in an EVENT
 * playlist (the future VOD); live players get only its last few segments, as from a non-recording
 * stream, so they start at the live edge and reload small playlists.
 */

const SEGMENT_TAGS = [
  '#EXTINF',
  '#EXT-X-PROGRAM-DATE-TIME',
  '#EXT-X-DISCONTINUITY',
  '#EXT-X-BYTERANGE',
  '#EXT-X-KEY',
  '#EXT-X-MAP',
];

function isSegmentTag(line: string): boolean {
  return SEGMENT_TAGS.some((tag) => line === tag || line.startsWith(`${tag}:`));
}

/** The playlist with only its last `maxSegments` segments, `#EXT-X-MEDIA-SEQUENCE` adjusted. */
export function liveWindow(playlist: string, maxSegments: number): string {
  const header: string[] = [];
  const segments: string[][] = [];
  let current: string[] = [];
  let ended = false;
  for (const line of playlist.split(/\r?\n/)) {
    if (line === '') continue;
    if (line === '#EXT-X-ENDLIST') ended = true;
    else if (!line.startsWith('#')) {
      segments.push([...current, line]);
      current = [];
    } else if (isSegmentTag(line) || current.length > 0) current.push(line);
    else if (segments.length === 0) header.push(line);
  }
  const dropped = Math.max(0, segments.length - maxSegments);
  const kept = segments.slice(dropped);
  const discontinuities = segments
    .slice(0, dropped)
    .filter((segment) => segment.includes('#EXT-X-DISCONTINUITY')).length;
  const out: string[] = [];
  let sequence = 0;
  let discontinuitySequence = 0;
  for (const line of header) {
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) sequence = Number(line.slice(22)) || 0;
    else if (line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE:')) discontinuitySequence = Number(line.slice(30)) || 0;
    // An EVENT playlist promises never to drop segments from its start; the window does exactly that.
    else if (!line.startsWith('#EXT-X-PLAYLIST-TYPE:')) out.push(line);
  }
  out.push(`#EXT-X-MEDIA-SEQUENCE:${sequence + dropped}`);
  if (discontinuitySequence + discontinuities > 0)
    out.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence + discontinuities}`);
  for (const segment of kept) out.push(...segment);
  if (ended) out.push('#EXT-X-ENDLIST');
  return `${out.join('\n')}\n`;
}
