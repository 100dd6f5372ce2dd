/**
 * `npm run sandbox` (and `npm start`): runs the Jitsi sandbox until Ctrl-C.
 *   --port N     listen on N (default: a free port)
 *   --no-media   no broadcast studio (streaming is refused)
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './server/sandbox-server.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-media': { type: 'boolean' } },
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
const sandbox = await startSandbox({ port, ...(values.host && { host: values.host }), ...(values['no-media'] && { media: false }) });
console.log(`Jitsi sandbox on ${sandbox.url} (self-signed certificate: open it once in the browser and accept it)`);
console.log(`  external_api.js  ${sandbox.url}/external_api.js`);
console.log(`  control API      ${sandbox.url}/_sandbox/control/info`);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
