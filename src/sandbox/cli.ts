/**
 * `npm run sandbox` (and `npm start`): runs the Jitsi sandbox until Ctrl-C.
 *   --port N     listen on N (default: a free port)
 *   --no-media   no broadcast studio (streaming is refused)
 *   --branding-data-url URL   the deployment's `brandingDataUrl` (default: $BRANDING_DATA_URL, as docker-jitsi-meet
 *                names it): each meeting page fetches its room's branding from URL?conferenceFqn=<room>
 */
import { parseArgs } from 'node:util';
import { CodedError } from '../shared/coded-error.js';
import { startSandbox } from './server/sandbox-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-media': { type: 'boolean' },
    'branding-data-url': { type: 'string' },
  },
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
const brandingDataUrl = values['branding-data-url'] || process.env['BRANDING_DATA_URL'] || undefined;
let sandbox;
try {
  sandbox = await startSandbox({
    port,
    ...(values.host && { host: values.host }),
    ...(values['no-media'] && { media: false }),
    ...(brandingDataUrl && { config: { brandingDataUrl } }),
  });
} catch (error) {
  if (!(error instanceof CodedError)) throw error;
  console.error(error.message);
  process.exit(2);
}
console.log(`Jitsi sandbox on ${sandbox.url} (self-signed certificate: open it once in the browser and accept it)`);
console.log(`  external_api.js  ${sandbox.url}/external_api.js`);
console.log(`  control API      ${sandbox.url}/_sandbox/control/info`);
if (brandingDataUrl) console.log(`  branding from    ${brandingDataUrl}?conferenceFqn=<room>`);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
