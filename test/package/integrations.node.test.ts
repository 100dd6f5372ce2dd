import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGRATION_FILES } from '../../src/tooling/generate-integrations.mjs';
import { staleElementReadmes } from '../../src/tooling/element-readmes.mjs';
import {
  elementsOf,
  manifestForTypes,
  packageRoot,
  readManifest,
  type ManifestElement,
} from '../../src/tooling/read-manifest.mjs';
import {
  NANO_MEET_BROADCAST_BUTTON_EVENTS,
  NANO_MEET_EVENTS,
  NANO_MEET_PLAYOUT_EVENTS,
} from '../../src/react/index.js';

const manifest = readManifest();
const elements = elementsOf(manifest);
// What a template may set: the generators leave read-only properties (and their reflected attributes) out.
const settable = elementsOf(manifestForTypes(manifest));

function built(file: string): string {
  const path = join(packageRoot, file);
  assert.ok(existsSync(path), `${file} is missing: run \`npm run build\`.`);
  return readFileSync(path, 'utf8');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A prop in a generated type, quoted or not (prettier drops the quotes where it can). */
const prop = (name: string) => `(?:"${escape(name)}"|\\b${escape(name)})\\?:`;

function assertTypedProps(source: string, element: ManifestElement, file: string) {
  for (const attribute of element.attributes ?? []) {
    assert.match(
      source,
      new RegExp(`${prop(attribute.name)}\\s*${element.name}\\["${attribute.fieldName}"\\]`),
      `${file}: ${element.tagName}[${attribute.name}] typed from ${element.name}`,
    );
  }
  for (const event of element.events ?? []) {
    assert.match(
      source,
      new RegExp(
        `${prop(`on${event.name}`)}\\s*\\(\\s*e: CustomEvent<HTMLElementEventMap\\["${escape(event.name)}"\\]\\["detail"\\]>`,
      ),
      `${file}: ${element.tagName} on${event.name} typed from HTMLElementEventMap`,
    );
  }
}

describe('framework typings (dist/types)', () => {
  it('gives every element typed attributes and events in the JSX types', () => {
    const jsx = built(INTEGRATION_FILES.jsx);
    for (const element of settable) {
      assert.match(
        jsx,
        new RegExp(`"${element.tagName}": Partial<${element.name}Props`),
        `${element.tagName} in CustomElements`,
      );
      assertTypedProps(jsx, element, INTEGRATION_FILES.jsx);
    }
    assert.match(jsx, /from "\.\.\/index\.js"/, 'the element classes come from the package’s own declarations');
  });

  it('leaves read-only properties out of what a template may set', () => {
    const jsx = built(INTEGRATION_FILES.jsx);
    for (const element of elements) {
      for (const member of (element.members ?? []).filter((member) => member.readonly)) {
        assert.doesNotMatch(
          jsx,
          new RegExp(`${element.name}\\["${member.name}"\\]`),
          `${element.tagName}.${member.name} is read-only`,
        );
      }
    }
  });

  it('declares React 19 JSX.IntrinsicElements for every tag', () => {
    const react = built(INTEGRATION_FILES.react);
    assert.match(react, /declare module 'react' \{\s*namespace JSX \{\s*interface IntrinsicElements \{/);
    for (const element of elements) {
      assert.match(
        react,
        new RegExp(`'${element.tagName}': ReactProps<'${element.tagName}', ${element.name}Props`),
        `${element.tagName} in React's JSX`,
      );
    }
    assert.match(
      react,
      /'nano-meet': ReactProps<'nano-meet', NanoMeetElementProps & EventProps<NanoMeetEventMap>>/,
      'every Jitsi event of <nano-meet>',
    );
  });

  it('declares Vue GlobalComponents for every tag, with typed props and events', () => {
    const vue = built(INTEGRATION_FILES.vue);
    assert.match(vue, /declare module "vue" \{[^}]*interface GlobalComponents extends CustomElements \{\}/);
    for (const element of settable) {
      assert.match(
        vue,
        new RegExp(`"${element.tagName}": DefineComponent<${element.name}Props>`),
        `${element.tagName} in GlobalComponents`,
      );
      assertTypedProps(vue, element, INTEGRATION_FILES.vue);
    }
  });
});

describe('VS Code custom data', () => {
  interface HtmlData {
    tags: { name: string; attributes: { name: string; description?: string }[] }[];
  }
  interface CssData {
    properties: { name: string }[];
    pseudoElements: { name: string }[];
  }

  it('lists every attribute of every element', () => {
    const data = JSON.parse(built(INTEGRATION_FILES.vscodeHtml)) as HtmlData;
    assert.deepEqual(data.tags.map((tag) => tag.name).sort(), elements.map((element) => element.tagName).sort());
    for (const element of elements) {
      const tag = data.tags.find((candidate) => candidate.name === element.tagName);
      assert.deepEqual(
        tag?.attributes.map((attribute) => attribute.name),
        (element.attributes ?? []).map((attribute) => attribute.name),
        element.tagName,
      );
    }
  });

  it('lists every CSS custom property and part', () => {
    const data = JSON.parse(built(INTEGRATION_FILES.vscodeCss)) as CssData;
    const properties = new Set(data.properties.map((property) => property.name));
    const parts = new Set(data.pseudoElements.map((part) => part.name));
    for (const element of elements) {
      for (const property of element.cssProperties ?? [])
        assert.ok(properties.has(property.name), `${element.tagName} ${property.name}`);
      for (const part of element.cssParts ?? [])
        assert.ok(parts.has(`::part(${part.name})`), `${element.tagName} ::part(${part.name})`);
    }
  });
});

describe('element READMEs (src/elements/*/README.md)', () => {
  it('are what custom-elements.json says today', () => {
    const stale = staleElementReadmes(manifest).map(({ file }) => file);
    assert.deepEqual(stale, [], `${stale.join(', ')} out of date: run \`npm run analyze\` and commit them.`);
  });

  it('document every attribute, method, event, slot, part and custom property', () => {
    for (const element of elements) {
      const readme = readFileSync(join(packageRoot, element.modulePath, '..', 'README.md'), 'utf8');
      const names = [
        ...(element.attributes ?? []).map((attribute) => `\`${attribute.name}\``),
        ...(element.members ?? [])
          .filter((member) => member.kind === 'method' && !member.privacy)
          .map((method) => `\`${method.name}(`),
        ...(element.events ?? []).map((event) => `\`${event.name}\``),
        ...(element.slots ?? []).map((slot) => (slot.name ? `\`${slot.name}\`` : '(default)')),
        ...(element.cssParts ?? []).map((part) => `\`::part(${part.name})\``),
        ...(element.cssProperties ?? []).map((property) => `\`${property.name}\``),
      ];
      for (const name of names) assert.ok(readme.includes(name), `${element.tagName} README lacks ${name}`);
    }
  });
});

describe('nano-meet/react', () => {
  const wrapperEvents: Record<string, Record<string, string>> = {
    'nano-meet': NANO_MEET_EVENTS,
    'nano-meet-playout': NANO_MEET_PLAYOUT_EVENTS,
  };

  it('has a prop for every event the manifest lists for <nano-meet> and <nano-meet-playout>', () => {
    for (const [tag, events] of Object.entries(wrapperEvents)) {
      const mapped = new Set(Object.values(events));
      for (const event of elements.find((element) => element.tagName === tag)?.events ?? []) {
        assert.ok(mapped.has(event.name), `${tag}: no prop for ${event.name}`);
      }
    }
  });

  it('names the props the README promises', () => {
    assert.equal(NANO_MEET_EVENTS.onReady, 'nano-meet-ready');
    assert.equal(NANO_MEET_EVENTS.onError, 'nano-meet-error');
    assert.equal(NANO_MEET_EVENTS.onBroadcastStateChange, 'nano-meet-broadcast-state-change');
    assert.equal(NANO_MEET_EVENTS.onParticipantJoined, 'nano-meet-participant-joined');
    assert.equal(NANO_MEET_EVENTS.onNanoMeetMouseEnter, 'nano-meet-mouse-enter');
    assert.equal(NANO_MEET_PLAYOUT_EVENTS.onPlaying, 'nano-meet-playout-playing');
    assert.equal(NANO_MEET_PLAYOUT_EVENTS.onError, 'nano-meet-playout-error');
  });

  it('gives the broadcast button no event props: the events its JSDoc lists are the meeting’s', () => {
    assert.deepEqual(NANO_MEET_BROADCAST_BUTTON_EVENTS, {});
    const button = elements.find((element) => element.tagName === 'nano-meet-broadcast-button');
    for (const event of button?.events ?? []) {
      assert.match(
        event.description ?? '',
        /^\(from the meeting\)/,
        `${event.name}: if the button dispatches it now, give the wrapper a prop for it`,
      );
    }
  });

  it('does not import React: the page passes its own in', () => {
    const wrapper = built('dist/react/index.js');
    assert.doesNotMatch(wrapper, /from ['"]react(?:\/[^'"]*)?['"]/);
  });
});
