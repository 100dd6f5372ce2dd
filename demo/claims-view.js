// Decoded claims as a person reads them: the JSON exactly as in the token, and beside each time claim
// (epoch seconds) the same moment in the demo's one time format, as a comment.
import { formatEpochSeconds } from '/demo/human-time.js';

const TIME_CLAIM = /^ {2}"(nbf|exp|iat)": (\d+),?$/;

/** Fills `pre` with the claims (or the decoding error) of `result`, a `decodeToken` result. */
export function showClaims(pre, result) {
  const value = result.ok ? result.token.claims : { error: result.error.code, message: result.error.message };
  const nodes = [];
  for (const line of JSON.stringify(value, null, 2).split('\n')) {
    const time = TIME_CLAIM.exec(line);
    nodes.push(document.createTextNode(`${nodes.length ? '\n' : ''}${line}`));
    if (time)
      nodes.push(
        Object.assign(document.createElement('span'), {
          className: 'when',
          textContent: `  // ${formatEpochSeconds(Number(time[2]))}`,
        }),
      );
  }
  pre.replaceChildren(...nodes);
}
