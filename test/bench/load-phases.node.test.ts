/**
 * bench/route-phases.ts splits a load's time to the iframe into phases from CDP's timing (its own clock origin,
 * seconds and milliseconds) and the page's clock: the split must put each step on the page's clock.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { phasesOf, type LoadPhases, type ResourceTiming } from '../../bench/load-phases.js';

/** CDP's timing of a request: `requestTime` in seconds, the steps in ms after it, -1 for a step not taken. */
const timing = (requestTime: number, steps: Partial<ResourceTiming>): ResourceTiming => ({
  requestTime,
  connectEnd: -1,
  sslStart: -1,
  sslEnd: -1,
  sendStart: 0,
  receiveHeadersEnd: 0,
  ...steps,
});

function assertPhases(actual: LoadPhases, expected: LoadPhases) {
  for (const [name, value] of Object.entries(expected) as [keyof LoadPhases, number][]) {
    if (Number.isNaN(value)) assert.ok(Number.isNaN(actual[name]), `${name}: ${actual[name]}, expected NaN`);
    else assert.ok(Math.abs(actual[name] - value) < 1e-6, `${name}: ${actual[name]}, expected ${value}`);
  }
}

// The page's headers came 50 ms after its request at CDP's 10 s, which the page calls 60 ms after navigation start.
const page = { responseStart: 60, responseEnd: 61, iframeAt: 170 };
const document = timing(10, { receiveHeadersEnd: 50 });

describe('phasesOf', () => {
  it('puts a script over a fresh connection on the page clock', () => {
    // Requested at CDP's 10 071 ms (the page's 81), connected, TLS, sent, headers; its last byte at the page's 153.2.
    const script = timing(10.071, {
      connectEnd: 45.5,
      sslStart: 0.4,
      sslEnd: 45.4,
      sendStart: 45.6,
      receiveHeadersEnd: 71.6,
    });
    assertPhases(phasesOf(page, document, script, 10_143.2), {
      page: 61,
      toRequest: 20,
      connect: 0.4,
      tls: 45,
      firstByte: 26,
      body: 0.6,
      afterScript: 16.8,
      iframeAt: 170,
    });
  });

  it('leaves the connection phases out for a script on a connection already open', () => {
    const script = timing(10.051, { sendStart: 0.3, receiveHeadersEnd: 20.3 });
    assertPhases(phasesOf(page, document, script, 10_072), {
      page: 61,
      toRequest: 0,
      connect: Number.NaN,
      tls: Number.NaN,
      firstByte: 20,
      body: 0.7,
      afterScript: 88,
      iframeAt: 170,
    });
  });
});
