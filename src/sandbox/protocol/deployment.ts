/**
 * The sandbox's own deployment settings: what a Jitsi deployment keeps in its config.js and interface_config.js,
 * for the keys the sandbox acts on. The server serves them as those two scripts (a person can read them at
 * `/config.js` and `/interface_config.js`); the meeting page reads the globals they set, as Jitsi's page does, and
 * only then applies the URL overrides that pass Jitsi's whitelists (meeting-page/override-whitelist.ts).
 */

/** config.js: the keys the sandbox acts on (docs/jitsi/branding.md §1–§4). */
export interface DeploymentConfig {
  /**
   * Per-room dynamic branding: the meeting page asks `${brandingDataUrl}?conferenceFqn=<room>` or `<tenant>/<room>`
   * (§2). docker-jitsi-meet sets it from `BRANDING_DATA_URL` (§6).
   */
  brandingDataUrl?: string;
  /** One dynamic branding for every room, asked as it is; wins over `brandingDataUrl` (§2). */
  dynamicBrandingUrl?: string;
  /** The watermark's image when there is no branding data (§3); default `interfaceConfig.DEFAULT_LOGO_URL`. */
  defaultLogoUrl?: string;
  /** The opacity (0–1) given to the stage's background colour (§4). */
  backgroundAlpha?: number;
  /** Which of the page's log levels reach the host as `log` events (docs/jitsi/failures.md). */
  apiLogLevels?: string[];
}

/** interface_config.js: the keys the sandbox acts on. */
export interface DeploymentInterfaceConfig {
  /** Whether the watermark (the logo slot) shows in a meeting, even with branding data (§3). */
  SHOW_JITSI_WATERMARK: boolean;
  /** Where the watermark links without branding data, or with `defaultBranding` (§3). */
  JITSI_WATERMARK_LINK: string;
  DEFAULT_LOGO_URL: string;
  /** The stage's background without a branding colour (§4); any CSS `background` value. */
  DEFAULT_BACKGROUND: string;
  /** When set, a hangup sends no `readyToClose` (docs/jitsi/failures.md S5). */
  SHOW_PROMOTIONAL_CLOSE_PAGE: boolean;
}

/** The deployment's settings as `startSandbox` takes them. */
export interface DeploymentSettings {
  config?: DeploymentConfig;
  interfaceConfig?: Partial<DeploymentInterfaceConfig>;
}

/** The sandbox's own stand-in for Jitsi's `images/watermark.svg`. */
export const SANDBOX_WATERMARK_PATH = '/images/watermark.svg';

/** Jitsi's interface_config.js defaults (docs/jitsi/branding.md §3–§4), with the sandbox's own watermark image. */
export const DEFAULT_INTERFACE_CONFIG: Readonly<DeploymentInterfaceConfig> = {
  SHOW_JITSI_WATERMARK: true,
  JITSI_WATERMARK_LINK: 'https://jitsi.org',
  DEFAULT_LOGO_URL: SANDBOX_WATERMARK_PATH,
  DEFAULT_BACKGROUND: '#040404',
  SHOW_PROMOTIONAL_CLOSE_PAGE: false,
};

/** Where the server serves the two scripts, and the globals they set for the meeting page. */
export const DEPLOYMENT_SCRIPTS = {
  config: { path: '/config.js', global: 'config' },
  interfaceConfig: { path: '/interface_config.js', global: 'interfaceConfig' },
} as const;
