// Reads custom-elements.json, the one description of the elements' public surface that the framework typings,
// the VS Code data and the element READMEs are all made from.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package's root directory. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The Custom Elements Manifest as it is on disk (run `npm run analyze` to refresh it). */
export function readManifest(file = join(packageRoot, 'custom-elements.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Every custom element in the manifest, ordered by tag name, each with the path of the module declaring it.
 * @returns {Array<Record<string, any> & { tagName: string, modulePath: string }>}
 */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) =>
      (module.declarations ?? [])
        .filter((declaration) => declaration.tagName)
        .map((declaration) => ({ ...declaration, modulePath: module.path })),
    )
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** The public members of an element: neither private, protected, static nor `#private`. */
export function publicMembers(element, kind) {
  return (element.members ?? []).filter(
    (member) =>
      member.kind === kind &&
      !member.static &&
      member.privacy !== 'private' &&
      member.privacy !== 'protected' &&
      !member.name.startsWith('#') &&
      !member.name.startsWith('_'),
  );
}

/**
 * The manifest as the type generators should see it, which is not quite how the analyzer writes it:
 * - an event's type is its `detail`, looked up in the typed `HTMLElementEventMap` the elements declare (the
 *   JSDoc's `@fires` has at most a description; `CustomEvent<…>` there would be wrapped a second time);
 * - read-only properties (`state`, `participants`, …) are outputs, so they and their reflected attributes are
 *   not props a template may set.
 */
export function manifestForTypes(manifest) {
  const copy = structuredClone(manifest);
  for (const element of elementsOf(copy).map((found) => findDeclaration(copy, found))) {
    const readonly = new Set((element.members ?? []).filter((member) => member.readonly).map((member) => member.name));
    element.members = (element.members ?? []).filter((member) => !readonly.has(member.name));
    element.attributes = (element.attributes ?? []).filter((attribute) => !readonly.has(attribute.fieldName));
    for (const event of element.events ?? []) event.type = { text: `HTMLElementEventMap['${event.name}']['detail']` };
  }
  return copy;
}

function findDeclaration(manifest, element) {
  return manifest.modules
    .find((module) => module.path === element.modulePath)
    .declarations.find((declaration) => declaration.name === element.name);
}
