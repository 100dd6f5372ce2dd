/**
 * The sandbox meeting page's script (served as `SANDBOX_ROUTES.meetingPageScript`, bundled by esbuild).
 * Importing it starts the page; nothing else happens at the top level.
 */
import { startMeetingPage } from './meeting-page.js';

// Module scripts run after parsing, but a page may still load this one before its body exists.
if (document.body) startMeetingPage();
else document.addEventListener('DOMContentLoaded', () => startMeetingPage(), { once: true });
