/**
 * The size targets of issue 19, in KiB of gzip -9 (KiB as bundle-size tools count them): one list for the test that
 * fails above them (test/package/cdn-early-meeting.test.ts) and the bench that reports them (bench/report.ts).
 */
export const SIZE_TARGETS_KIB = {
  /**
   * Scripts a page with only `<nano-meet>` fetches before its meeting's iframe exists: less than Jitsi's own
   * external_api.js (about 15 KiB).
   */
  onlyMeetingBeforeIframe: 12,
  /** Scripts a page with all three elements fetches before its meeting's iframe exists. */
  allThreeBeforeIframe: 20,
  /** The classic-script build, dist/cdn/nano-meet.iife.js. */
  classicScript: 25,
} as const;
