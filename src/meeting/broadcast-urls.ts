/**
 * Where a broadcast goes in and where viewers get it, from the token's stream name and URL templates.
 * `{streamname}` is the stream name, `{server}` the meeting server (host and port). The defaults follow the
 * layout of the Jitsi sandbox (and of a MediaMTX-style media server beside the meeting server).
 */
export interface BroadcastTemplates {
  /** Where Jibri pushes the stream, e.g. `rtmp://ingest.example/live/{streamname}`. */
  ingest?: string;
  whep?: string;
  hls?: string;
  /** The recording, after the end, when one was kept. */
  vod?: string;
}

export const DEFAULT_BROADCAST_TEMPLATES: Required<BroadcastTemplates> = {
  ingest: 'rtmp://{server}/live/{streamname}',
  whep: 'https://{server}/whep/{streamname}',
  hls: 'https://{server}/hls/{streamname}/index.m3u8',
  vod: 'https://{server}/vod/{streamname}/index.m3u8',
};

/** The playout addresses of a live broadcast: `live` is the lowest-latency one (WHEP when there is one). */
export interface BroadcastPlayout {
  live: string;
  whep?: string;
  hls?: string;
  vod?: string;
}

export function fillTemplate(template: string, values: { streamname: string; server: string }): string {
  return template.replaceAll('{streamname}', encodeURIComponent(values.streamname)).replaceAll('{server}', values.server);
}

/** The ingest URL Jitsi is asked to stream to; a wish for a recording travels as `record=1`. */
export function ingestUrl(templates: BroadcastTemplates, values: { streamname: string; server: string }, record: boolean): string {
  const url = fillTemplate(templates.ingest ?? DEFAULT_BROADCAST_TEMPLATES.ingest, values);
  return record ? `${url}${url.includes('?') ? '&' : '?'}record=1` : url;
}

export function playoutUrls(templates: BroadcastTemplates, values: { streamname: string; server: string }, record: boolean): BroadcastPlayout {
  const whep = fillTemplate(templates.whep ?? DEFAULT_BROADCAST_TEMPLATES.whep, values);
  const hls = fillTemplate(templates.hls ?? DEFAULT_BROADCAST_TEMPLATES.hls, values);
  return { live: whep, whep, hls, ...(record && { vod: fillTemplate(templates.vod ?? DEFAULT_BROADCAST_TEMPLATES.vod, values) }) };
}
