// Types for element-readmes.mjs.
import type { Manifest, ManifestElement } from './read-manifest.mjs';
export function renderElementReadme(element: ManifestElement): string;
export function renderElementReadmes(manifest?: Manifest): { file: string; markdown: string }[];
export function staleElementReadmes(manifest?: Manifest, root?: string): { file: string; markdown: string }[];
