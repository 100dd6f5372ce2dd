// Types for read-manifest.mjs (the tooling runs as plain Node, without a build step).
/** A custom element's declaration in custom-elements.json, as far as the tooling reads it. */
export interface ManifestElement {
  name: string;
  tagName: string;
  modulePath: string;
  summary?: string;
  description?: string;
  attributes?: { name: string; fieldName?: string; type?: { text: string }; default?: string; description?: string }[];
  members?: {
    kind: 'field' | 'method';
    name: string;
    readonly?: boolean;
    static?: boolean;
    privacy?: string;
    attribute?: string;
    type?: { text: string };
    description?: string;
  }[];
  events?: { name: string; type?: { text: string }; description?: string }[];
  slots?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
}
export interface Manifest {
  modules: { path: string; declarations?: object[] }[];
}
export const packageRoot: string;
export function readManifest(file?: string): Manifest;
export function elementsOf(manifest: Manifest): ManifestElement[];
export function publicMembers(
  element: ManifestElement,
  kind: 'field' | 'method',
): NonNullable<ManifestElement['members']>;
export function manifestForTypes(manifest: Manifest): Manifest;
