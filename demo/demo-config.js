// What `npm start` configured: the token service, the meeting server and, in development, an API key.
import { humanizeTimes } from '/demo/human-time.js';

export async function demoConfig() {
  const response = await fetch('/demo-config.json');
  if (!response.ok) throw new Error(`The demo configuration could not be loaded (${response.status}).`);
  return response.json();
}

/** Shows `text` in the status line `id`; times in it are written the demo's one way. */
export function showStatus(text, isError = false, id = 'status') {
  const status = document.getElementById(id);
  if (!status) return;
  status.textContent = humanizeTimes(text);
  status.classList.toggle('error', isError);
}

/** An error's message for people, with its code for a search or a bug report. */
export function describeError({ message, code }) {
  return code ? `${message} (${code})` : message;
}

/** The sandbox's certificate is self-signed: until the browser trusts it, every meeting fails to load. */
export async function checkMeetingServer(config) {
  if (!config.certificateCheckUrl) return true;
  try {
    await fetch(config.certificateCheckUrl, { mode: 'no-cors' });
    return true;
  } catch {
    const status = document.getElementById('status');
    if (status) {
      status.classList.add('error');
      status.textContent = "Your browser does not trust the local meeting server's certificate yet. Open ";
      status.append(
        Object.assign(document.createElement('a'), {
          href: config.certificateCheckUrl,
          textContent: config.certificateCheckUrl,
          target: '_blank',
        }),
      );
      status.append(', accept the certificate, then reload this page.');
    }
    return false;
  }
}

export function tokenFromLocation() {
  return new URLSearchParams(location.search).get('token') ?? '';
}
