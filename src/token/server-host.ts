/**
 * A meeting server is named by host (and optional port) only: `meet.example.org`, `localhost:8443`,
 * `[::1]:8443`. Never a URL: a scheme, path, user-info, query or fragment could point the iframe and its
 * token somewhere else (`evil.example/@meet.example.org`, `javascript:`…).
 */
const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
const HOST_NAME = `${LABEL}(?:\\.${LABEL})*`;
const IPV6 = '\\[[0-9a-f:.]{2,45}\\]';
const PORT = '(?::(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}))?';
const SERVER_HOST_PATTERN = new RegExp(`^(?:${HOST_NAME}|${IPV6})${PORT}$`, 'i');

export function isValidServerHost(server: unknown): server is string {
  return typeof server === 'string' && server.length <= 253 + 6 && SERVER_HOST_PATTERN.test(server);
}

/** The host without its port: what Jitsi calls its domain, and the default `sub` of a token. */
export function hostWithoutPort(server: string): string {
  if (server.startsWith('[')) return server.slice(0, server.indexOf(']') + 1);
  const colon = server.lastIndexOf(':');
  return colon === -1 ? server : server.slice(0, colon);
}
