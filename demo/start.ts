/**
 * `npm start`: the demo on localhost, offline by default (the Jitsi sandbox). Prints where to go.
 *   DEMO_PORT (default 8080), DEMO_SANDBOX_PORT and DEMO_TOKEN_SERVICE_PORT (default: any free port; 0 asks for
 *   that). A port that is taken stops the demo with a message, rather than moving it somewhere unexpected.
 *   NANO_MEET_SERVER and the token service's NANO_MEET_* variables point the demo at a real Jitsi deployment
 *   instead (see the README).
 */
import { demoPortsFromEnv, explainPortError } from './demo-ports.js';
import { startDemo } from './demo-server.js';
import { DemoPortError } from './listen-on-port.js';

let demo;
try {
  demo = await startDemo(demoPortsFromEnv(process.env));
} catch (error) {
  if (!(error instanceof DemoPortError)) throw error;
  console.error(`\nnano-meet demo: ${explainPortError(error)}\n`);
  process.exit(error.code === 'port-invalid' ? 2 : 1);
}

console.log(`\nnano-meet demo: ${demo.url}  (the Token Creator)`);
console.log(`token service:  ${demo.config.tokenService}`);
if (demo.sandbox) {
  console.log(`Jitsi sandbox:  ${demo.sandbox.url}`);
  console.log('  Its certificate is self-signed: open that address once in your browser and accept it.');
  console.log(`  Its brandingDataUrl (rooms' branding inside the meeting): ${demo.config.brandingDataUrl}`);
  console.log(`  Development API key (also prefilled in the Token Creator): ${demo.config.developmentApiKey}`);
}
console.log('');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
