import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

// A consumer project in a scratch directory: nano-meet installed (a link to this package, so the `exports`
// map is what resolves), React's types as @lit/react brings them, and a stand-in for Vue's two types (Vue
// is not installed). Every `@ts-expect-error` must be needed, so typings that fell back to `any` fail too.
const REACT_19 = `
import type {} from 'nano-meet/react-types';

export const meeting = (
  <nano-meet
    token="eyJ…"
    display-name="Ann"
    layout="stage"
    presenter-mode
    expiry-warning={120}
    onnano-meet-ready={(event) => void (event.detail.moderator satisfies boolean)}
    onnano-meet-participant-joined={(event) => void event.detail}
  />
);
export const button = <nano-meet-broadcast-button for="meeting" record />;
export const playout = <nano-meet-playout streamname="XXXXX-YYYYY" autoplay muted latency-target={1} />;
// @ts-expect-error \`layout\` is \`tile\` or \`stage\`
export const wrongLayout = <nano-meet layout="grid" />;
// @ts-expect-error the detail of nano-meet-error has no \`reason\`
export const wrongDetail = <nano-meet onnano-meet-error={(event) => event.detail.reason} />;
// @ts-expect-error \`muted\` is a boolean
export const wrongPlayout = <nano-meet-playout muted="yes" />;
`;

const REACT_18 = `
import * as React from 'react';
import { createNanoMeetComponents } from 'nano-meet/react';

const { NanoMeet, NanoMeetBroadcastButton, NanoMeetPlayout } = createNanoMeetComponents(React);
export const meeting = (
  <NanoMeet
    id="meeting"
    token="eyJ…"
    displayName="Ann"
    onReady={(event) => void (event.detail.roomName satisfies string)}
    onError={(event) => void (event.detail.code satisfies string)}
    onParticipantJoined={(event) => void event.detail}
  />
);
export const button = <NanoMeetBroadcastButton htmlFor="meeting" record />;
export const playout = <NanoMeetPlayout src="https://example.org/x.m3u8" onPlaying={(event) => void (event.detail.ttff satisfies number)} />;
// @ts-expect-error \`layout\` is \`tile\` or \`stage\`
export const wrongLayout = <NanoMeet layout="grid" />;
// @ts-expect-error the detail of nano-meet-playout-error has no \`reason\`
export const wrongDetail = <NanoMeetPlayout onError={(event) => event.detail.reason} />;
`;

const VUE = `
import type { DefineComponent, GlobalComponents } from 'vue';
import type {} from 'nano-meet/vue';

type Props<Tag extends keyof GlobalComponents> = GlobalComponents[Tag] extends DefineComponent<infer P> ? P : never;
export const meeting: Props<'nano-meet'> = { token: 'eyJ…', layout: 'tile', 'onnano-meet-ready': (event) => void (event.detail.moderator satisfies boolean) };
export const playout: Props<'nano-meet-playout'> = { streamname: 'XXXXX-YYYYY', autoplay: true };
// @ts-expect-error \`layout\` is \`tile\` or \`stage\`
export const wrongLayout: Props<'nano-meet'> = { layout: 'grid' };
// @ts-expect-error \`autoplay\` is a boolean
export const wrongPlayout: Props<'nano-meet-playout'> = { autoplay: 'yes' };
`;

const VUE_STAND_IN = `
export interface GlobalComponents {}
export type DefineComponent<Props = {}> = new () => { $props: Props };
`;

function consumerProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'nano-meet-consumer-'));
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (!entry.startsWith('.')) symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  symlinkSync(root, join(modules, 'nano-meet'));
  mkdirSync(join(modules, 'vue'));
  writeFileSync(
    join(modules, 'vue/package.json'),
    JSON.stringify({ name: 'vue', version: '3.0.0', types: 'index.d.ts' }),
  );
  writeFileSync(join(modules, 'vue/index.d.ts'), VUE_STAND_IN);
  writeFileSync(join(project, 'react-19.tsx'), REACT_19);
  writeFileSync(join(project, 'react-18.tsx'), REACT_18);
  writeFileSync(join(project, 'vue.ts'), VUE);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        // The package's own files resolve from its real location, where there is no Vue: point them here.
        paths: { vue: ['./node_modules/vue/index.d.ts'] },
      },
      files: ['react-19.tsx', 'react-18.tsx', 'vue.ts'],
    }),
  );
  return project;
}

describe('the framework typings in a consumer project', () => {
  it('type-check React 19 JSX, the React 18 wrapper and Vue, and refuse wrong props', () => {
    const project = consumerProject();
    const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
      encoding: 'utf8',
    });
    assert.equal(
      result.status,
      0,
      `tsc in ${project} (run \`npm run build\` first):\n${result.stdout}${result.stderr}`,
    );
  });
});
