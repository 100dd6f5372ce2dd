/**
 * Where a broadcast goes in and where viewers get it: the one place that turns a stream name and URL templates
 * into addresses, for the meeting element (ingest and announced playout), the playout element (its templates)
 * and the token service (the playout addresses of a new room). `{streamname}` is the stream name, `{server}`
 * the meeting server (host and port). The defaults follow the layout of the Jitsi sandbox (and of a
 * MediaMTX-style media server beside the meeting server).
 */
import { CodedError } from '../shared/coded-error.js';
import { STREAM_NAME_RULE, isValidStreamName } from '../token/stream-name.js';

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

/** Which stream, on which meeting server (the server is left out where no template names it). */
export interface StreamPlace {
  streamName: string;
  server?: string;
}

/** A stream name that could leave its place in a URL. */
export class StreamNameError extends CodedError<'streamname-invalid'> {
  override readonly name = 'StreamNameError';
}

/** Puts the stream name (and the server, when given) into every placeholder of `template`. */
export function fillTemplate(template: string, { streamName, server }: StreamPlace): string {
  if (!isValidStreamName(streamName)) {
    throw new StreamNameError('streamname-invalid', `"${streamName}" is not a stream name: use ${STREAM_NAME_RULE}.`);
  }
  // The stream name's characters need no escaping in a URL, so it goes in as it is.
  const named = template.replaceAll('{streamname}', streamName);
  return server === undefined ? named : named.replaceAll('{server}', server);
}

/** The ingest URL Jitsi is asked to stream to; a wish for a recording travels as `record=1`. */
export function ingestUrl(templates: BroadcastTemplates, place: StreamPlace, record: boolean): string {
  const url = fillTemplate(templates.ingest ?? DEFAULT_BROADCAST_TEMPLATES.ingest, place);
  return record ? `${url}${url.includes('?') ? '&' : '?'}record=1` : url;
}

/** Where viewers watch the broadcast (and its recording, when one is kept). */
export function playoutUrls(templates: BroadcastTemplates, place: StreamPlace, record: boolean): BroadcastPlayout {
  const whep = fillTemplate(templates.whep ?? DEFAULT_BROADCAST_TEMPLATES.whep, place);
  const hls = fillTemplate(templates.hls ?? DEFAULT_BROADCAST_TEMPLATES.hls, place);
  const vod = record ? fillTemplate(templates.vod ?? DEFAULT_BROADCAST_TEMPLATES.vod, place) : undefined;
  return { live: whep, whep, hls, ...(vod && { vod }) };
}
