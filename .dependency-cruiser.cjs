// The dependency rules of ARCHITECTURE.md, checked by `pnpm lint` (depcruise). Workspace
// packages are resolved to their TypeScript sources (from each package.json's `exports`), so
// the check needs no build and sees type-only imports too.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;

/** `@symval/x[/sub]` -> the source file behind it, from every workspace package's exports. */
function workspacePaths() {
  const paths = {};
  for (const group of ['packages', 'apps']) {
    for (const dir of fs.readdirSync(path.join(ROOT, group))) {
      const file = path.join(ROOT, group, dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
        const built = typeof target === 'string' ? target : target.default;
        if (typeof built !== 'string' || !built.startsWith('./dist/')) continue;
        const source = built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
        const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
        paths[name] = [`${group}/${dir}/${source}`];
      }
    }
  }
  return paths;
}

const tsconfig = path.join(ROOT, 'node_modules', '.cache', 'depcruise', 'tsconfig.json');
fs.mkdirSync(path.dirname(tsconfig), { recursive: true });
fs.writeFileSync(
  tsconfig,
  JSON.stringify({ compilerOptions: { baseUrl: ROOT, paths: workspacePaths() } }, null, 2),
);

// Tests, test support, benchmarks and build scripts may reach further than the code they test.
const NOT_SOURCE = '(\\.test\\.ts$|/test/|/bench/|/build/|\\.d\\.ts$)';

/**
 * Which workspace folders the source of each folder may import (ARCHITECTURE.md, "Dependency
 * rules", with the amendments in the root README).
 */
const ALLOWED = {
  'packages/groupid': [],
  'packages/dns-claims': ['packages/groupid'],
  'packages/attestation': ['packages/groupid'],
  'packages/dynamite-orm': [],
  'packages/records': ['packages/dynamite-orm', 'packages/groupid'],
  'packages/snapshot-builder': ['packages/records'],
  'packages/settings': [],
  'packages/local-services': [],
  'apps/web': ['packages/groupid', 'packages/attestation', 'packages/records'],
  'apps/httpapi': [
    'packages/attestation',
    'packages/dns-claims',
    'packages/groupid',
    'packages/records',
    'packages/settings',
  ],
  'apps/streamer': ['packages/records', 'packages/settings', 'packages/snapshot-builder'],
  'apps/reattestbatch': [
    'packages/attestation',
    'packages/dns-claims',
    'packages/groupid',
    'packages/records',
    'packages/settings',
    'packages/snapshot-builder',
  ],
  'apps/cli': [
    'packages/attestation',
    'packages/dns-claims',
    'packages/groupid',
    'packages/records',
    'packages/settings',
  ],
  infra: ['packages/groupid', 'packages/settings', 'packages/records', 'packages/dynamite-orm'],
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const allowedRules = Object.entries(ALLOWED).map(([from, allowed]) => ({
  name: `imports-of-${from.replace(/\//g, '-')}`,
  comment: `${from} may import only ${allowed.length ? allowed.join(', ') : 'nothing of the workspace'} (ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `^${escapeRegExp(from)}/`, pathNot: NOT_SOURCE },
  to: {
    path: '^(packages|apps)/',
    pathNot: `^(${[from, ...allowed].map(escapeRegExp).join('|')})/`,
  },
}));

/**
 * A package's layers, bottom first: paths under its `src/` (a name ending in `/` is a folder,
 * else a file). A module may import its own layer and the ones below, never one above.
 */
function layerRules(pkg, layers) {
  const pattern = (name) => `${escapeRegExp(`${pkg}/src/${name}`)}${name.endsWith('/') ? '' : '$'}`;
  return layers.slice(0, -1).map((layer, index) => ({
    name: `layers-of-${pkg.replace(/\//g, '-')}-${index}`,
    comment: `${pkg}: ${layer.join(' ')} must not import a layer above it (the package README, "Internal layers")`,
    severity: 'error',
    from: { path: `^(${layer.map(pattern).join('|')})`, pathNot: NOT_SOURCE },
    to: {
      path: `^(${layers
        .slice(index + 1)
        .flat()
        .map(pattern)
        .join('|')})`,
    },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles make every module of the circle depend on every other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-package-imports-an-app',
      comment: 'Packages are libraries; apps are deployables built on them, never the reverse.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'only-local-composes-apps',
      comment:
        "An app's code imports packages, not other apps; apps/local (pnpm dev) composes them, tests may drive them.",
      severity: 'error',
      from: { path: '^apps/(?!local/)([^/]+)/', pathNot: NOT_SOURCE },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'local-services-only-in-tests-and-pnpm-dev',
      comment: 'Fixture servers are for tests and apps/local; deployed code never imports them.',
      severity: 'error',
      from: { path: '^(packages|apps)/(?!local/|local-services/)', pathNot: NOT_SOURCE },
      to: { path: '^packages/local-services/' },
    },
    {
      name: 'site-imports-browser-entries-only',
      comment:
        'The site runs in a browser: @symval/attestation/validators and @symval/records/snapshot, not the Node entries.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: {
        path: '^packages/(attestation/src/(?!validators/)|records/src/(?!snapshot/)|records/src/snapshot/s3/)',
      },
    },
    ...allowedRules,
    ...layerRules('packages/dynamite-orm', [
      ['errors/'],
      ['schema/'],
      ['model/'],
      ['expressions/'],
      ['policy/'],
      ['access/'],
      ['requests/'],
      ['streams/'],
      ['erasure-policy/'],
      ['table/', 'client/'],
      ['define-table.ts'],
      ['single-table/'],
      ['erasure/'],
      ['export/'],
      ['bin/'],
      ['index.ts'],
    ]),
    {
      name: 'layers-of-packages-dynamite-orm-table-client',
      comment:
        'dynamite-orm: table/ and client/ stand side by side; define-table.ts joins them (README, "Internal layers").',
      severity: 'error',
      from: { path: '^packages/dynamite-orm/src/(table|client)/', pathNot: NOT_SOURCE },
      to: {
        path: '^packages/dynamite-orm/src/(table|client)/',
        pathNot: '^packages/dynamite-orm/src/$1/',
      },
    },
    ...layerRules('packages/groupid', [
      ['errors.ts', 'hostname.ts'],
      ['sha256.ts', 'base64.ts'],
      ['parse.ts', 'calculate.ts'],
      ['index.ts'],
    ]),
    ...layerRules('packages/dns-claims', [
      ['errors.ts'],
      ['wire/', 'options/', 'limit/'],
      ['transport/'],
      ['claims/'],
      ['index.ts'],
    ]),
    ...layerRules('packages/attestation', [
      ['errors.ts'],
      ['validators/'],
      ['engine/'],
      ['index.ts'],
    ]),
    ...layerRules('packages/settings', [
      ['errors.ts'],
      ['declaration/'],
      ['read/', 'docs/'],
      ['sst/'],
      ['index.ts'],
    ]),
    ...layerRules('packages/local-services', [
      ['errors.ts', 'names.ts', 'ports.ts'],
      ['dns-server.ts', 'dynamodb-local.ts', 's3-semantics.ts', 'port-watch.ts', 'faults/'],
      ['s3.ts', 'stream-poller/', 'vitest-global-setup.ts'],
      ['index.ts'],
    ]),
  ],
  options: {
    parser: 'swc',
    tsConfig: { fileName: tsconfig },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.sst|\\.turbo|test-artifacts)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
