/**
 * A `server` attribute may send the token elsewhere than the server the token names, so a page must opt in:
 * `<meta name="nano-meet-allowed-servers" content="meet.example.org backup.example.org:8443">`. Without that,
 * an injected attribute could point the meeting, and its token, at a stranger's server.
 */
export const ALLOWED_SERVERS_META = 'nano-meet-allowed-servers';

export function isServerOverrideAllowed(server: string, doc: Document = document): boolean {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${ALLOWED_SERVERS_META}"]`);
  const allowed = meta?.content.split(/\s+/).filter(Boolean) ?? [];
  return allowed.some((entry) => entry.toLowerCase() === server.toLowerCase());
}
