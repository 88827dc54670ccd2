#!/usr/bin/env node
// `pnpm check:packages`: every public package, as a stranger installs it. For each package
// without `"private": true`:
// - `pnpm pack`, then the tarball's metadata (LICENSE equal to the root's, `repository` with
//   its `directory`, `homepage`, `keywords`), `publint --strict` and `attw --profile esm-only`;
// - `npm install` of the tarball into an empty directory outside the workspace, its symval
//   dependencies taken from their own tarballs (npm `overrides`), never from workspace links;
// - every export imported from ESM and `require`d from CommonJS (Node 20.19+ require(esm));
// - a consumer file importing every export, one `require`-ing them from a `.cts` file (what a
//   CommonJS TypeScript user writes) and the README's first example, typechecked by `tsc`
//   against the installed package;
// - that README example run against real local servers (DynamoDB Local, s3rver, a DNS server);
//   for the CLI, the README's `symval groupid` example run through the installed bin and its
//   output compared with the README's.
// Arguments: package names to check only those (e.g. `pnpm check:packages @symval/groupid`).
import { execFile as execFileCb } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

// The AWS SDK warns once per process that Node 20 support ends in 2027; this check knows.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const execFile = promisify(execFileCb);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line) => console.log(`pack-check [${elapsed()}] ${line}`);

/** A failed step: the package and what a person should look at. */
class CheckFailure extends Error {}

async function run(command, args, options = {}) {
  try {
    return await execFile(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      ...options,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...options.env,
      },
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new CheckFailure(
      `${path.basename(command)} ${args.join(' ')} failed (exit ${error.code}):\n${indent(output || error.message)}`,
    );
  }
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

async function mapLimit(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---- which packages, and the versions the workspace pins --------------------------------

async function workspacePackages() {
  const found = [];
  for (const parent of ['packages', 'apps']) {
    for (const entry of await readdir(path.join(root, parent))) {
      const dir = path.join(root, parent, entry);
      if (!existsSync(path.join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
      found.push({ dir, relDir: `${parent}/${entry}`, manifest, name: manifest.name });
    }
  }
  return found;
}

async function catalog() {
  const yaml = await readFile(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  const section = yaml.split(/^catalog:\n/m)[1]?.split(/^\S/m)[0] ?? '';
  const versions = {};
  for (const match of section.matchAll(/^ {2}"?([^":\s]+)"?: (\S+)$/gm))
    versions[match[1]] = match[2];
  return versions;
}

// ---- the README's first example ----------------------------------------------------------

function firstTsBlock(readme) {
  return /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
}

function importedPackages(source) {
  const names = new Set();
  for (const match of source.matchAll(/from '([^']+)'/g)) {
    const spec = match[1];
    if (spec.startsWith('node:') || spec.startsWith('.')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return names;
}

// ---- one package ----------------------------------------------------------------------------

async function pack(pkg, tarballs) {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: pkg.dir });
  const tarball = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((line) => line.endsWith('.tgz'));
  if (!tarball) throw new CheckFailure(`pnpm pack printed no tarball:\n${indent(stdout)}`);
  return path.resolve(pkg.dir, tarball.trim());
}

async function checkMetadata(pkg, tarball, work, license) {
  const unpacked = path.join(work, 'unpacked');
  await mkdir(unpacked, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', unpacked]);
  const content = path.join(unpacked, 'package');
  const problems = [];
  const packedLicense = existsSync(path.join(content, 'LICENSE'))
    ? await readFile(path.join(content, 'LICENSE'), 'utf8')
    : undefined;
  if (packedLicense === undefined) problems.push('the tarball has no LICENSE (add it to `files`)');
  else if (packedLicense !== license)
    problems.push(`${pkg.relDir}/LICENSE differs from the root LICENSE (copy it again)`);
  const manifest = JSON.parse(await readFile(path.join(content, 'package.json'), 'utf8'));
  if (manifest.repository?.directory !== pkg.relDir)
    problems.push(
      `repository.directory is ${JSON.stringify(manifest.repository?.directory)}, expected "${pkg.relDir}"`,
    );
  if (!manifest.repository?.url) problems.push('repository.url is missing');
  if (!manifest.homepage) problems.push('homepage is missing');
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0)
    problems.push('keywords are missing');
  if (!manifest.license) problems.push('license is missing');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|catalog):/.test(range))
        problems.push(`${field}.${name} is still "${range}" in the tarball`);
    }
  }
  if (problems.length > 0)
    throw new CheckFailure(`package metadata:\n${indent(problems.join('\n'))}`);
  return manifest;
}

function subpaths(manifest) {
  return Object.keys(manifest.exports ?? {})
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

async function install(pkg, consumer, context) {
  const { tarballOf, versions, readmeExample } = context;
  const dependencies = { [pkg.name]: `file:${tarballOf.get(pkg.name)}` };
  // The README example may import packages the package itself does not need (attestation's
  // shows groupid); those are what a reader installs beside it.
  for (const name of readmeExample ? importedPackages(readmeExample) : []) {
    if (name === pkg.name) continue;
    if (tarballOf.has(name)) dependencies[name] = `file:${tarballOf.get(name)}`;
    else
      dependencies[name] =
        pkg.manifest.dependencies?.[name]?.replace(/^catalog:$/, versions[name]) ?? versions[name];
    if (!dependencies[name])
      throw new CheckFailure(`the README imports ${name}, which has no version to install`);
  }
  // Peers, optional ones too: a user of the entry that needs one installs it
  // (`@symval/settings/sst` needs `sst`).
  for (const [name, range] of Object.entries(pkg.manifest.peerDependencies ?? {})) {
    dependencies[name] ??= tarballOf.has(name) ? `file:${tarballOf.get(name)}` : range;
  }
  dependencies['@types/node'] = versions['@types/node'];
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies,
    overrides: Object.fromEntries([...tarballOf].map(([name, file]) => [name, `file:${file}`])),
  };
  await writeFile(path.join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: consumer,
  });
  // A workspace link would point back into the repository; the installed copy must not.
  const installed = path.join(consumer, 'node_modules', ...pkg.name.split('/'));
  const { stdout } = await run('node', [
    '-e',
    `console.log(require('fs').realpathSync(${JSON.stringify(installed)}))`,
  ]);
  if (stdout.trim().startsWith(root))
    throw new CheckFailure(`${pkg.name} was installed as a link into the workspace`);
}

async function checkImports(manifest, consumer) {
  const entries = subpaths(manifest);
  const json = `${manifest.name}/package.json`;
  const esm = [
    ...entries.map(
      (entry) =>
        `{ const m = await import(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) throw new Error(${JSON.stringify(`${entry} has no exports`)}); }`,
    ),
    `{ const m = await import(${JSON.stringify(json)}, { with: { type: 'json' } }); if (m.default.name !== ${JSON.stringify(manifest.name)}) throw new Error('package.json'); }`,
  ].join('\n');
  await writeFile(path.join(consumer, 'import-check.mjs'), esm);
  await run('node', ['import-check.mjs'], { cwd: consumer }).catch((error) => {
    throw new CheckFailure(`ESM import: ${error.message}`);
  });
  const cjs = [
    ...entries.map(
      (entry) =>
        `{ const m = require(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) throw new Error(${JSON.stringify(`${entry} has no exports`)}); }`,
    ),
    `if (require(${JSON.stringify(json)}).name !== ${JSON.stringify(manifest.name)}) throw new Error('package.json');`,
  ].join('\n');
  await writeFile(path.join(consumer, 'require-check.cjs'), cjs);
  await run('node', ['--no-warnings=ExperimentalWarning', 'require-check.cjs'], {
    cwd: consumer,
  }).catch((error) => {
    throw new CheckFailure(`CommonJS require: ${error.message}`);
  });
  return entries;
}

async function typecheck(consumer, entries, readmeExample) {
  const names = entries.map((_, i) => `m${i}`);
  const esm = entries.map((entry, i) => `import * as m${i} from ${JSON.stringify(entry)};`);
  // Every export is used, so a `types` condition pointing at nothing is an error here.
  esm.push(`export const all: unknown[] = [${names.join(', ')}].flatMap((m) => Object.values(m));`);
  const cjs = entries.map((entry, i) => `import m${i} = require(${JSON.stringify(entry)});`);
  cjs.push(`export const all: unknown[] = [${names.join(', ')}].flatMap((m) => Object.values(m));`);
  const files = [];
  if (entries.length > 0) {
    await writeFile(path.join(consumer, 'exports.ts'), `${esm.join('\n')}\n`);
    await writeFile(path.join(consumer, 'exports-require.cts'), `${cjs.join('\n')}\n`);
    files.push('exports.ts', 'exports-require.cts');
  }
  if (readmeExample) {
    await writeFile(path.join(consumer, 'readme.ts'), `${readmeExample}\nexport {};\n`);
    files.push('readme.ts');
  }
  if (files.length === 0) return false;
  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: false,
      types: ['node'],
      outDir: 'out',
      rootDir: '.',
    },
    files,
  };
  await writeFile(path.join(consumer, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: consumer }).catch((error) => {
    throw new CheckFailure(`typecheck against the installed package: ${error.message}`);
  });
  return Boolean(readmeExample);
}

async function runReadme(consumer, servers) {
  const { stdout } = await run('node', ['out/readme.js'], {
    cwd: consumer,
    env: { DNS_SERVERS: servers.dns.address },
  }).catch((error) => {
    throw new CheckFailure(`the README example (in ${consumer}/readme.ts): ${error.message}`);
  });
  return stdout;
}

async function runCliReadme(pkg, consumer) {
  const readme = await readFile(path.join(pkg.dir, 'README.md'), 'utf8');
  const match = /```sh\n(symval groupid [^\n]+)\n```\n\n```\n([\s\S]*?)```/.exec(readme);
  if (!match)
    throw new CheckFailure('the README has no `symval groupid` example followed by its output');
  const args = match[1].split(/\s+/).slice(1);
  const { stdout } = await run(path.join(consumer, 'node_modules', '.bin', 'symval'), args, {
    cwd: consumer,
  });
  if (stdout.trimEnd() !== match[2].trimEnd()) {
    throw new CheckFailure(
      `the README's \`${match[1]}\` printed something else:\n${indent(stdout)}\n  the README shows:\n${indent(match[2])}`,
    );
  }
  return stdout;
}

async function checkPackage(pkg, context) {
  const work = path.join(context.tmp, pkg.name.replace('/', '__'));
  const consumer = path.join(work, 'consumer');
  await mkdir(consumer, { recursive: true });
  const tarball = context.tarballOf.get(pkg.name);
  const manifest = await checkMetadata(pkg, tarball, work, context.license);
  await run(bin('publint'), ['run', tarball, '--strict']).catch((error) => {
    throw new CheckFailure(`publint: ${error.message}`);
  });
  await run(bin('attw'), [tarball, '--profile', 'esm-only', '--no-color']).catch((error) => {
    throw new CheckFailure(`@arethetypeswrong/cli (esm-only profile): ${error.message}`);
  });
  const readme = await readFile(path.join(pkg.dir, 'README.md'), 'utf8');
  const readmeExample = firstTsBlock(readme)
    ?.replaceAll('http://127.0.0.1:8000', context.servers.dynamodb.endpoint)
    .replaceAll('http://127.0.0.1:4569', context.servers.s3.endpoint);
  await install(pkg, consumer, { ...context, readmeExample });
  const entries = await checkImports(manifest, consumer);
  const hasReadme = await typecheck(consumer, entries, readmeExample);
  if (!readmeExample && manifest.bin) await runCliReadme(pkg, consumer);
  else if (hasReadme) await runReadme(consumer, context.servers);
  else throw new CheckFailure('the README has no ```ts example to run');
  return `${entries.length} export(s), README example ran${readmeExample ? '' : ' through the bin'}`;
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  const only = process.argv.slice(2);
  const all = await workspacePackages();
  const publicPackages = all.filter((pkg) => !pkg.manifest.private);
  const selected = publicPackages.filter((pkg) => only.length === 0 || only.includes(pkg.name));
  if (only.length > 0 && selected.length !== only.length) {
    const unknown = only.filter((name) => !publicPackages.some((pkg) => pkg.name === name));
    console.error(`pack-check: not a public package: ${unknown.join(', ')}`);
    process.exit(2);
  }
  log(
    `${publicPackages.length} public packages: ${publicPackages.map((pkg) => pkg.name).join(', ')}`,
  );

  await run(bin('turbo'), [
    'run',
    'build',
    '--output-logs=errors-only',
    ...publicPackages.map((pkg) => `--filter=${pkg.name}`),
    '--filter=@symval/local-services',
  ]).catch((error) => {
    console.error(`pack-check: the build failed\n${error.message}`);
    process.exit(1);
  });
  log('built');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'symval-pack-check-'));
  const tarballs = path.join(tmp, 'tarballs');
  await mkdir(tarballs);
  // Every public package is packed (not only the selected ones): their dependents need them.
  const tarballOf = new Map(
    await mapLimit(publicPackages, 2, async (pkg) => [pkg.name, await pack(pkg, tarballs)]),
  );
  log(`packed into ${tarballs}`);

  const services = await import(
    pathToFileURL(path.join(root, 'packages/local-services/dist/index.js')).href
  );
  const servers = {
    dynamodb: await services.startDynamoDbLocal(),
    s3: await services.startS3({ buckets: ['site'] }),
    dns: await services.startDnsServer({
      '_suns.zq.suns.bz': {
        txt: [
          [
            'v1:b:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:uHWi9YxGk+SrKfMzfbSJ8iDKMzfdIp1GXcW3KEEx3cE=',
          ],
        ],
      },
    }),
  };
  const context = {
    tmp,
    tarballOf,
    servers,
    versions: await catalog(),
    license: await readFile(path.join(root, 'LICENSE'), 'utf8'),
  };

  const results = await mapLimit(selected, 2, async (pkg) => {
    const begin = Date.now();
    try {
      const summary = await checkPackage(pkg, context);
      log(`ok   ${pkg.name}: ${summary} (${((Date.now() - begin) / 1000).toFixed(0)} s)`);
      return { pkg, ok: true };
    } catch (error) {
      const message =
        error instanceof CheckFailure ? error.message : (error.stack ?? String(error));
      log(`FAIL ${pkg.name}: ${message}`);
      return { pkg, ok: false, message };
    }
  });
  await Promise.all([servers.dynamodb.stop(), servers.s3.stop(), servers.dns.stop()]);

  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    console.error(
      `\npack-check: ${failed.length} of ${results.length} packages cannot be used on their own:`,
    );
    for (const { pkg, message } of failed)
      console.error(`\n${pkg.name} (${pkg.relDir}): ${message}`);
    console.error(`\nThe packed tarballs and consumer directories are kept in ${tmp}.`);
    process.exit(1);
  }
  await rm(tmp, { recursive: true, force: true });
  log(
    `all ${results.length} packages install, import, typecheck and run their README example on their own`,
  );
}

await main();
