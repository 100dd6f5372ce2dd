/**
 * A page load's phases, from CDP's timing of the page's request and of one script's, and from the page's own clock
 * (bench/route-phases.ts prints them per route).
 */
/** What is read of CDP's `Network.ResourceTiming`: `requestTime` in seconds, the steps in ms after it (-1: none). */
export interface ResourceTiming {
  requestTime: number;
  connectEnd: number;
  sslStart: number;
  sslEnd: number;
  sendStart: number;
  receiveHeadersEnd: number;
}

/** Durations of one load, ms; NaN where the request had no such step (a connection it reused). */
export interface LoadPhases {
  /** Navigation start to the page's last byte. */
  page: number;
  /** The page's last byte to the script's request. */
  toRequest: number;
  /** Waiting for a connection, and the TCP handshake (played by the proxy before TLS's first bytes). */
  connect: number;
  tls: number;
  /** The request sent to the response's headers. */
  firstByte: number;
  /** Headers to last byte. */
  body: number;
  /** The script's last byte to the iframe in the DOM: the script's compile and run, the task it runs in. */
  afterScript: number;
  iframeAt: number;
}

export interface PageTimes {
  /** `performance.getEntriesByType('navigation')[0]` */
  responseStart: number;
  responseEnd: number;
  /** The observer's iframe time. */
  iframeAt: number;
}

/**
 * A load's phases from CDP's timing of the page and of the script (`finishedMs`: its `loadingFinished`, ms on CDP's
 * clock). CDP and the page share a monotonic clock but not its origin: the page's `responseStart` and CDP's
 * headers of the page are one moment, which fixes the offset.
 */
export function phasesOf(
  page: PageTimes,
  document: ResourceTiming,
  script: ResourceTiming,
  finishedMs: number,
): LoadPhases {
  const offset = page.responseStart - (document.requestTime * 1000 + document.receiveHeadersEnd);
  const at = (step: number) => (step < 0 ? Number.NaN : script.requestTime * 1000 + step + offset);
  const requested = script.requestTime * 1000 + offset;
  const sent = at(script.sendStart);
  const headers = at(script.receiveHeadersEnd);
  const finished = finishedMs + offset;
  return {
    page: page.responseEnd,
    toRequest: requested - page.responseEnd,
    connect: (script.sslStart < 0 ? at(script.connectEnd) : at(script.sslStart)) - requested,
    tls: at(script.sslEnd) - at(script.sslStart),
    firstByte: headers - sent,
    body: finished - headers,
    afterScript: page.iframeAt - finished,
    iframeAt: page.iframeAt,
  };
}
