/**
 * The sandbox's `/external_api.js`: a classic script (bundled as an IIFE) that defines
 * `window.JitsiMeetExternalAPI`, as a Jitsi server's own script does.
 */
import { JitsiMeetExternalAPI } from './jitsi-meet-external-api.js';

(window as Window & { JitsiMeetExternalAPI?: typeof JitsiMeetExternalAPI }).JitsiMeetExternalAPI = JitsiMeetExternalAPI;
