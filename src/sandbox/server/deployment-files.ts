/**
 * The deployment's own files, as a Jitsi deployment serves them beside its meeting page: config.js and
 * interface_config.js (classic scripts that set the globals `config` and `interfaceConfig`) and the default
 * watermark image. Checked once, when the sandbox starts.
 */
import { CodedError } from '../../shared/coded-error.js';
import { isHttpUrl } from '../../shared/json-checks.js';
import {
  DEFAULT_INTERFACE_CONFIG,
  DEPLOYMENT_SCRIPTS,
  type DeploymentConfig,
  type DeploymentInterfaceConfig,
  type DeploymentSettings,
} from '../protocol/deployment.js';

/** The settings the sandbox runs with: interface_config.js complete with Jitsi's defaults. */
export interface Deployment {
  config: DeploymentConfig;
  interfaceConfig: DeploymentInterfaceConfig;
}

/** Branding URLs the meeting page fetches: absolute http(s), as Jitsi's page needs them. */
const BRANDING_URL_KEYS = ['brandingDataUrl', 'dynamicBrandingUrl'] as const;

/** Checks and completes `startSandbox`'s deployment settings; a URL the page cannot fetch: `sandbox-setting-invalid`. */
export function resolveDeployment(settings: DeploymentSettings): Deployment {
  const config = { ...settings.config };
  for (const key of BRANDING_URL_KEYS) {
    const value = config[key];
    if (value !== undefined && !isHttpUrl(value)) {
      throw new CodedError(
        'sandbox-setting-invalid',
        `${key} must be an absolute http(s) URL, such as http://localhost:8081/api/v1/branding ` +
          `(got ${JSON.stringify(value)}).`,
      );
    }
  }
  return { config, interfaceConfig: { ...DEFAULT_INTERFACE_CONFIG, ...settings.interfaceConfig } };
}

/** The origins the meeting page fetches from besides its own: the branding URLs'. */
export function brandingOrigins(deployment: Deployment): string[] {
  const urls = BRANDING_URL_KEYS.map((key) => deployment.config[key]).filter((url): url is string => url !== undefined);
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/** A classic script that sets one global to a JSON value; `<` and line separators escaped, so nothing ends it early. */
function globalScript(name: string, value: unknown): string {
  const json = JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `// The Jitsi sandbox's deployment settings (src/sandbox/protocol/deployment.ts).\nvar ${name} = ${json};\n`;
}

/** What the server answers at `/config.js` and `/interface_config.js`. */
export function deploymentScripts(deployment: Deployment): Map<string, string> {
  return new Map([
    [DEPLOYMENT_SCRIPTS.config.path, globalScript(DEPLOYMENT_SCRIPTS.config.global, deployment.config)],
    [
      DEPLOYMENT_SCRIPTS.interfaceConfig.path,
      globalScript(DEPLOYMENT_SCRIPTS.interfaceConfig.global, deployment.interfaceConfig),
    ],
  ]);
}

/** The sandbox's watermark: a plain wordmark, so that nobody takes the sandbox for a real Jitsi. */
export const WATERMARK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="140" height="70" viewBox="0 0 140 70">
<rect x="1" y="1" width="138" height="68" rx="10" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="2"/>
<g text-anchor="middle" font-family="sans-serif" fill="#ffffff">
<text x="70" y="32" font-size="18" font-weight="700">Jitsi</text>
<text x="70" y="54" font-size="14" fill-opacity="0.8">sandbox</text>
</g>
</svg>
`;
