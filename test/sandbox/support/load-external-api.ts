/**
 * Loads a sandbox's `/external_api.js` into the test page, as a host page loads Jitsi's, and hands back the
 * `JitsiMeetExternalAPI` class it defines (typed by the caller, who knows which methods it uses).
 */
import type { SandboxInfo } from '../../support/sandbox.js';

export async function loadExternalApi<ApiClass>(from: SandboxInfo): Promise<ApiClass> {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${from.url}/external_api.js`;
    script.onload = resolve;
    script.onerror = () => reject(new Error('external_api.js did not load'));
    document.head.append(script);
  });
  return (window as unknown as { JitsiMeetExternalAPI: ApiClass }).JitsiMeetExternalAPI;
}
