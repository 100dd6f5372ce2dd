// The architecture as rules (dependency-cruiser; `npm run lint` and `npm test` check them). Each folder of src/
// names the folders it may import from; anything else is an error. The README's "Architecture" section is the
// map these rules enforce.
const layer = (name, from, mayImport) => ({
  name,
  severity: 'error',
  comment: `${from} may import only from ${mayImport.join(', ')} (and itself)`,
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: [`^src/(${[from, ...mayImport].join('|')})/`] },
});

module.exports = {
  forbidden: [
    layer('shared-is-a-leaf', 'shared', []),
    layer('token', 'token', ['shared']),
    layer('i18n', 'i18n', ['shared']),
    layer('branding', 'branding', ['shared']),
    layer('broadcast', 'broadcast', ['token', 'shared']),
    layer('meeting', 'meeting', ['token', 'i18n', 'shared']),
    layer('playout', 'playout', ['broadcast', 'token', 'i18n', 'shared']),
    layer('elements', 'elements', ['meeting', 'playout', 'branding', 'token', 'broadcast', 'i18n', 'shared']),
    layer('api', 'api', ['elements', 'meeting', 'token', 'i18n', 'shared']),
    layer('react', 'react', ['elements']),
    layer('server', 'server', ['token', 'broadcast', 'branding', 'shared']),
    {
      name: 'sandbox-stays-in-the-sandbox',
      severity: 'error',
      comment: 'Only the sandbox (and tests, the demo and the bench) may import the sandbox.',
      from: { path: '^src/', pathNot: '^src/sandbox/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'sandbox-page-is-browser-code',
      severity: 'error',
      comment: "The sandbox's meeting page runs in the browser: it may not import the sandbox's Node server.",
      from: { path: '^src/sandbox/(meeting-page|external-api)/' },
      to: { path: '^src/sandbox/(server|media)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood (or loaded) one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
