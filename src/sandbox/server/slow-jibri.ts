/**
 * Jibri as slow as a test asks (the `streamDelayMs` fault): the stream becomes live, and its end is announced,
 * only after the delay, so that a page can be seen while its broadcast is starting or stopping. Jitsi sends no
 * `recordingStatusChanged` while Jibri works (docs/jitsi/failures.md §S6), so nothing else changes.
 */
import type { Faults } from './faults.js';
import type { StreamPublisher } from './recording.js';

/** The room hub's publisher; what WHEP players asked is read from the media server itself. */
export function slowedByFaults(publisher: StreamPublisher, faults: Faults): StreamPublisher {
  return {
    start: async (streamName, options) => {
      await faults.streamDelay(streamName);
      return publisher.start(streamName, options);
    },
    stop: async (streamName) => {
      const stopped = await publisher.stop(streamName);
      await faults.streamDelay(streamName);
      return stopped;
    },
    viewUrl: (streamName) => publisher.viewUrl(streamName),
  };
}
