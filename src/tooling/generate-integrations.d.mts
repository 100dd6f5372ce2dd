// Types for generate-integrations.mjs.
import type { Manifest } from './read-manifest.mjs';
export const INTEGRATION_FILES: { jsx: string; react: string; vue: string; vscodeHtml: string; vscodeCss: string };
export function reactTypes(manifest: Manifest): string;
export function generateIntegrations(manifest?: Manifest, root?: string): string[];
