/**
 * The demo's branding file, as the elements get it. A branding names its images by absolute http(s) URL (the
 * meeting server's page shows them too, from another origin); the demo's own file names them by path, since
 * its address depends on the port, and the demo server makes them absolute.
 */
const URL_KEYS = ['backgroundImageUrl', 'logoImageUrl', 'logoClickUrl'] as const;

/** `demo/branding.json` with each image or link path resolved against `origin`. */
export function brandingForOrigin(json: string, origin: string): string {
  const branding = JSON.parse(json) as Record<string, unknown>;
  for (const key of URL_KEYS) {
    const value = branding[key];
    if (typeof value === 'string') branding[key] = new URL(value, origin).href;
  }
  if (Array.isArray(branding['virtualBackgrounds'])) {
    branding['virtualBackgrounds'] = branding['virtualBackgrounds'].map((value) =>
      typeof value === 'string' ? new URL(value, origin).href : value,
    );
  }
  return JSON.stringify(branding, null, 2);
}
