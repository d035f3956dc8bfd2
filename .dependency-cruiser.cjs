/**
 * The layers of server/src, lowest first: a module may import its own layer
 * and the layers below it, never one above (CONTRIBUTING.md draws them).
 * `npm run lint` runs this; it also fails on any import cycle.
 */
const LAYERS = [
  ['lib', 'plain helpers: globs, the dotenv reader'],
  ['ir', 'facts, expressions, spans, findings: what front-ends produce and rules read'],
  ['shared', 'the wire types and renderers the client shares with the server'],
  ['frontends', 'Python, JS/TS and config/deployment documents → facts'],
  ['semantics', 'language-neutral meaning computed once over facts'],
  ['rules', 'the rules and their registry'],
  ['signals', 'per-file workspace signals for the compliance checks'],
  ['engine', 'text in, findings out: front-end, rules, levels, suppression'],
  ['workspace', 'walker, config, baseline, scan'],
  ['fixes', 'edits: move to environment, .env and .gitignore writers'],
  ['factors', 'the twelve-factor compliance model'],
  ['lsp', 'the language server concerns'],
  ['cli', 'the twelve-factor command'],
];

const dir = (name) => `^server/src/${name}/`;

const upward = LAYERS.flatMap(([name], i) => {
  const above = LAYERS.slice(i + 1).map(([n]) => n);
  if (above.length === 0) return [];
  return [
    {
      name: `layer-${name}`,
      comment: `${name}/ (${LAYERS[i][1]}) may not import a layer above it`,
      severity: 'error',
      from: { path: dir(name) },
      to: { path: `^server/src/(${above.join('|')})/|^server/src/server\\.ts$` },
    },
  ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'rules-and-signals',
      comment: 'rules and signals are peers over the semantic layer: neither imports the other',
      severity: 'error',
      from: { path: dir('rules') },
      to: { path: dir('signals') },
    },
    {
      name: 'frontends-api',
      comment:
        'outside frontends/, only its public modules: the language front-ends, documents, incremental state, skip and decode (not parser internals)',
      severity: 'error',
      from: { pathNot: '^server/src/frontends/' },
      to: {
        path: '^server/src/frontends/',
        pathNot:
          '^server/src/frontends/(index|python|javascript|incremental|changedRange|skip|decode|documents/index)\\.ts$',
      },
    },
    {
      name: 'frontends-value-import-javascript',
      comment:
        'the JS/TS front-end loads lazily (dist/jsparser.js) through frontends/index.ts: only types from it elsewhere',
      severity: 'error',
      from: { pathNot: '^server/src/frontends/' },
      to: { path: '^server/src/frontends/javascript\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'parsers-in-frontends',
      comment: 'parser libraries are used by the front-ends only; everything else reads facts',
      severity: 'error',
      from: { path: '^(server|client)/src/', pathNot: '^server/src/frontends/' },
      to: {
        path: 'node_modules/(web-tree-sitter|@typescript-eslint/typescript-estree|typescript|yaml|dockerfile-ast)/',
      },
    },
    {
      name: 'client-shared-only',
      comment: 'the extension reaches server code only through shared/ (and the ir types it names)',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/src/', pathNot: '^server/src/(shared|ir)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};

// For test/layers.test.ts (not enumerable: the config schema allows no extra keys).
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
