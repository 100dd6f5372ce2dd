/**
 * `npm start`: the demo on localhost, offline by default (the Jitsi sandbox). Prints where to go.
 *   DEMO_PORT (default 8080, or a free port when taken). NANO_MEET_SERVER and the token service's
 *   NANO_MEET_* variables point the demo at a real Jitsi deployment instead (see the README).
 */
import { startDemo } from './demo-server.js';

const preferred = Number(process.env['DEMO_PORT'] ?? 8080);
const demo = await startDemo({ port: preferred }).catch(async (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  return startDemo({ port: 0 });
});

console.log(`\nnano-meet demo: ${demo.url}  (the Token Creator)`);
console.log(`token service:  ${demo.config.tokenService}`);
if (demo.sandbox) {
  console.log(`Jitsi sandbox:  ${demo.sandbox.url}`);
  console.log('  Its certificate is self-signed: open that address once in your browser and accept it.');
  console.log(`  Development API key (also prefilled in the Token Creator): ${demo.config.developmentApiKey}`);
}
console.log('');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
