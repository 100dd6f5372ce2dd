/**
 * Jibri as slow as a test asks (the `streamDelayMs` fault): the stream becomes live, and its end is announced,
 * only after the delay, so that a page can be seen while its broadcast is starting or stopping. Jitsi sends no
 * `recordingStatusChanged` while Jibri works (docs/jitsi/failures.md §S6), so nothing else changes.
 */
import type { Faults } from './faults.js';
import type { StreamPublisher } from './recording.js';

/** The room hub's publisher; what WHEP players asked is read from the media server itself. */
export function slowedByFaults(publisher: StreamPublisher, faults: Faults): StreamPublisher {
  /** The streams still in the start delay, each with whether it was stopped meanwhile. */
  const delayed = new Map<string, { stopped: boolean }>();
  return {
    start: async (streamName, options) => {
      const start = { stopped: false };
      delayed.set(streamName, start);
      await faults.streamDelay(streamName);
      if (delayed.get(streamName) === start) delayed.delete(streamName);
      // Stopped while Jibri was still getting ready: it never goes live (the media server never heard of it).
      if (start.stopped) throw new Error(`The stream "${streamName}" was stopped before it went live.`);
      return publisher.start(streamName, options);
    },
    stop: async (streamName) => {
      const start = delayed.get(streamName);
      if (start) start.stopped = true;
      delayed.delete(streamName);
      const stopped = await publisher.stop(streamName);
      await faults.streamDelay(streamName);
      return stopped;
    },
    viewUrl: (streamName) => publisher.viewUrl(streamName),
  };
}
