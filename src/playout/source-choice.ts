/**
 * Which addresses a playout has (WHEP, HLS, VOD) from its attributes; checked as soon as it starts, so that
 * a mistake shows at once (the order to try them in is protocol-choice.ts, loaded with the engines).
 */
import { fillTemplate } from '../broadcast/broadcast-addresses.js';
import { CodedError } from '../shared/coded-error.js';

/** How the broadcast is being received. */
export type PlayoutProtocol = 'whep' | 'hls' | 'native-hls';

/** The attributes that name the broadcast. */
export interface PlayoutSourceAttributes {
  src?: string;
  streamname?: string;
  whepTemplate?: string;
  hlsTemplate?: string;
  vod?: string;
}

/** Absolute URLs of what can be played; at least one of `whep`/`hls` is set. */
export interface PlayoutSources {
  whep?: string;
  hls?: string;
  vod?: string;
}

export type SourceErrorCode = 'no-source' | 'streamname-invalid' | 'source-invalid';

/** The attributes name nothing playable (`streamname-invalid` comes as broadcast's `StreamNameError`). */
export class SourceError extends CodedError<SourceErrorCode> {
  override readonly name = 'SourceError';
}

/** True for an HLS playlist address (`….m3u8`, with or without a query). */
export function isHlsUrl(url: string): boolean {
  return /\.m3u8$/i.test(new URL(url, 'https://base.invalid/').pathname);
}

/**
 * Resolves the attributes into absolute URLs: `src` gives the address of its kind (`.m3u8` is HLS,
 * anything else WHEP), the templates with `streamname` give the others. `vod` may use `{streamname}` too.
 * Throws a {@link SourceError} when nothing playable is named, a `StreamNameError` for a bad stream name.
 */
export function resolveSources(attributes: PlayoutSourceAttributes, baseUrl?: string): PlayoutSources {
  const streamname = attributes.streamname?.trim() ?? '';
  const fill = (template: string) => fillTemplate(template, { streamName: streamname });
  const fromTemplate = (template: string | undefined) =>
    template?.trim() && streamname ? fill(template.trim()) : undefined;
  const src = attributes.src?.trim() || undefined;
  const whep = src && !isHlsUrl(src) ? src : fromTemplate(attributes.whepTemplate);
  const hls = src && isHlsUrl(src) ? src : fromTemplate(attributes.hlsTemplate);
  const vodText = attributes.vod?.trim() || undefined;
  const vod = vodText && streamname ? fill(vodText) : vodText;
  if (!whep && !hls) {
    throw new SourceError(
      'no-source',
      streamname
        ? 'A streamname needs a whep-template or an hls-template to become an address.'
        : 'Set src (a WHEP or .m3u8 URL) or streamname with whep-template/hls-template.',
    );
  }
  const absolute = (url: string | undefined) => {
    if (url === undefined) return undefined;
    try {
      const resolved = new URL(url, baseUrl);
      if (resolved.protocol === 'https:' || resolved.protocol === 'http:') return resolved.href;
    } catch {
      // reported below
    }
    throw new SourceError('source-invalid', `${url} is not an http(s) address.`);
  };
  return {
    ...(whep && { whep: absolute(whep) }),
    ...(hls && { hls: absolute(hls) }),
    ...(vod && { vod: absolute(vod) }),
  };
}
