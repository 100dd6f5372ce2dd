/**
 * The external route (`loader="external"`): the meeting server's own `external_api.js` runs in the page, for
 * deployments whose protocol differs from the one nano-meet speaks.
 */
import { JitsiRequestError } from './jitsi-wire/jitsi-iframe-client.js';
import { loadExternalApi } from './load-external-api.js';
import { EVENT_NAMES, SYNTHETIC_EVENT_NAMES, type JitsiEventName } from './jitsi-wire/wire-names.js';
import { jitsiOptionsOf, type MeetingSession, type SessionOptions, type SessionRequests } from './meeting-session.js';

const PUBLIC_EVENTS: readonly JitsiEventName[] = [...EVENT_NAMES, ...SYNTHETIC_EVENT_NAMES];

export async function openExternalSession(
  options: SessionOptions & { scriptTimeoutMs: number },
): Promise<MeetingSession> {
  const ExternalApi = await loadExternalApi(options.domain, { timeoutMs: options.scriptTimeoutMs });
  const api = new ExternalApi(options.domain, jitsiOptionsOf(options));
  const iframe = api.getIFrame();
  // Jitsi's iframe has no accessible name.
  iframe.title = options.title;
  const pending = new Set<(reason: unknown) => void>();
  return {
    iframe,
    command: (name, ...args) => api.executeCommand(name, ...args),
    request<Name extends keyof SessionRequests>(name: Name) {
      // An older external_api.js lacks the newest requests (getConnectionStats): said at once, not a timeout later.
      if (typeof api[name] !== 'function') {
        return Promise.reject(
          new JitsiRequestError('unsupported', `This meeting server's external_api.js has no ${name}().`),
        );
      }
      // Jitsi's requests never time out and never settle after dispose(); ours do both.
      return new Promise<SessionRequests[Name]>((resolve, reject) => {
        const fail = (reason: unknown) => {
          clearTimeout(timer);
          pending.delete(fail);
          reject(reason);
        };
        const timer = setTimeout(
          () =>
            fail(
              new JitsiRequestError(
                'timeout',
                `The meeting did not answer "${name}" within ${options.requestTimeoutMs} ms.`,
              ),
            ),
          options.requestTimeoutMs,
        );
        pending.add(fail);
        (api[name] as () => Promise<SessionRequests[Name]>)().then((value) => {
          clearTimeout(timer);
          pending.delete(fail);
          resolve(value);
        }, fail);
      });
    },
    onEvent(listener) {
      const handlers = PUBLIC_EVENTS.map((event) => {
        const handler = (payload: unknown) => listener(event, (payload ?? {}) as Record<string, unknown>);
        api.on(event, handler);
        return [event, handler] as const;
      });
      return () => handlers.forEach(([event, handler]) => api.off(event, handler));
    },
    dispose() {
      for (const fail of [...pending])
        fail(new JitsiRequestError('disposed', 'The meeting was closed before it answered.'));
      api.dispose();
    },
  };
}
