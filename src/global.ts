// The classic-script build: defines the elements and, as the old script tag did, a global `NanoMeet`.
import { NanoMeet } from './index.js';

(globalThis as { NanoMeet?: typeof NanoMeet }).NanoMeet ??= NanoMeet;
