const preconnected = new Set<string>();

/** Opens the connection to the meeting server while the rest of the element gets ready. Once per server. */
export function preconnect(server: string): void {
  const origin = `https://${server}`;
  if (preconnected.has(origin) || typeof document === 'undefined') return;
  preconnected.add(origin);
  const link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  document.head.append(link);
}
