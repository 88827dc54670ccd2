#!/usr/bin/env node
// Typechecks every `@example` block in the TSDoc comments of the public packages (part of
// `pnpm lint`). Each block becomes a module under node_modules/.cache/check-examples/ that
// imports what it uses of its package's exports (the block's own imports are kept), with
// `@symval/*` resolved to the TypeScript sources, so no build is needed. `tsc` then checks
// them all at once; an error is reported at the source line of the example it comes from.
//
// A block may use names it does not define (a client, a table, the input): those are declared
// `any` in a second pass, so the calls into the package are still checked, and counted in the
// summary (`--free-names` lists them). Syntax errors, wrong arguments to the package's
// functions, misspelt exports and type errors fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'node_modules', '.cache', 'check-examples');

async function publicPackages() {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of await readdir(path.join(root, group))) {
      const file = path.join(root, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      if (!manifest.private) found.push({ dir: path.join(root, group, entry), manifest });
    }
  }
  return found;
}

/** `@symval/x[/sub]` -> its source file, for every workspace package (as .dependency-cruiser.cjs). */
async function sourcePaths() {
  const paths = {};
  for (const group of ['packages', 'apps']) {
    for (const entry of await readdir(path.join(root, group))) {
      const file = path.join(root, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        const built = typeof target === 'string' ? target : target.default;
        if (typeof built !== 'string' || !built.startsWith('./dist/')) continue;
        const source = built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
        const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
        paths[name] = [path.join(root, group, entry, source)];
      }
    }
  }
  return paths;
}

/** The names each entry of a package exports (from its `export { … } from` lists). */
async function exportedNames(manifest, paths) {
  const names = new Map();
  for (const [entry, [file]] of Object.entries(paths)) {
    if (entry !== manifest.name && !entry.startsWith(`${manifest.name}/`)) continue;
    const source = await readFile(file, 'utf8');
    for (const list of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
      for (const item of list[1].split(',')) {
        const name = item
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop();
        // The main entry wins over a subpath that exports the same name.
        if (name && (!names.has(name) || entry === manifest.name)) names.set(name, entry);
      }
    }
  }
  return names;
}

async function sourceFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) files.push(full);
  }
  return files;
}

/** Every `@example` in a file: its code and the line (1-based) its first code line is on. */
function examplesIn(source) {
  const examples = [];
  for (const comment of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const startLine = source.slice(0, comment.index).split('\n').length;
    const lines = comment[1].split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    lines.forEach((line, index) => {
      if (!/^@example\b/.test(line.trim())) return;
      const body = [];
      let first;
      for (let i = index + 1; i < lines.length; i++) {
        if (/^@\w/.test(lines[i].trim())) break;
        if (/^```/.test(lines[i].trim())) continue;
        first ??= startLine + i;
        body.push(lines[i]);
      }
      const code = body.join('\n').trim();
      if (code) examples.push({ code, line: first ?? startLine + index });
    });
  }
  return examples;
}

function usedIdentifiers(code) {
  const withoutStrings = code.replace(/\/\/.*$/gm, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""');
  return new Set(withoutStrings.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

async function main() {
  const paths = await sourcePaths();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const origins = new Map();
  let count = 0;
  for (const { dir, manifest } of await publicPackages()) {
    const exports = await exportedNames(manifest, paths);
    for (const file of await sourceFiles(path.join(dir, 'src'))) {
      const source = await readFile(file, 'utf8');
      for (const example of examplesIn(source)) {
        count += 1;
        const imported = new Set(
          [...example.code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
            m[1].split(',').map((item) =>
              item
                .trim()
                .split(/\s+as\s+/)
                .pop(),
            ),
          ),
        );
        const own = new Set(
          [
            ...source.matchAll(
              /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm,
            ),
          ].map((m) => m[1]),
        );
        const byEntry = new Map();
        for (const name of usedIdentifiers(example.code)) {
          // The package's public name first; else the file the example documents.
          const entry = exports.get(name) ?? (own.has(name) ? file : undefined);
          if (!entry || imported.has(name)) continue;
          byEntry.set(entry, [...(byEntry.get(entry) ?? []), name]);
        }
        const header = [...byEntry].map(
          ([entry, names]) => `import { ${names.sort().join(', ')} } from '${entry}';`,
        );
        const name = `${path.relative(root, file).replaceAll(/[/.]/g, '_')}_${example.line}.mts`;
        const target = path.join(out, name);
        // Imports first (a block's own too), so the header can sit above the code.
        const ownImports = example.code.match(/^import[\s\S]*?from\s+'[^']+';?$/gm) ?? [];
        const body = ownImports
          .reduce((code, line) => code.replace(line, ''), example.code)
          .replace(/^export\s+/gm, '');
        // In a function, so that a fragment's `return` and `await` are statements as written.
        const text = [
          ...header,
          ...ownImports,
          'export async function example() {',
          body,
          '}',
          '',
        ].join('\n');
        origins.set(target, {
          file: path.relative(root, file),
          line: example.line,
          offset: header.length + ownImports.join('\n').split('\n').filter(Boolean).length + 1,
          text,
        });
        await writeFile(target, text);
      }
    }
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      // No DOM: its globals (`event`, `location`) would stand in for an example's free names.
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
      allowImportingTsExtensions: true,
      paths,
      // Examples show values on their own ("calculateGroupIdV1(…); // 'v1:…'").
      allowUnreachableCode: true,
      noUnusedLocals: false,
      // Callbacks handed to a free (any) name have untyped parameters, as the reader's would not.
      noImplicitAny: false,
    },
    include: ['*.mts'],
  };
  await writeFile(path.join(out, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = () =>
    spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', out, '--pretty', 'false'], {
      encoding: 'utf8',
    });
  const diagnostics = (result) =>
    `${result.stdout}${result.stderr}`
      .split('\n')
      .map((line) => /^(.*?\.mts)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line))
      .filter(Boolean)
      .map(([, file, line, , code, message]) => ({
        file: path.resolve(root, file),
        line: Number(line),
        code,
        message,
      }));

  // Pass 1: names an example uses without defining them (a client, a table, `input`) are
  // declared `any` in pass 2, so the rest of the example is still checked, and listed.
  const first = tsc();
  const free = new Map();
  for (const d of diagnostics(first)) {
    const name =
      /^(?:Cannot find name|Cannot find namespace|No value exists in scope for the shorthand property) '([^']+)'/.exec(
        d.message,
      )?.[1];
    if (!name || !origins.has(d.file)) continue;
    free.set(d.file, new Set([...(free.get(d.file) ?? []), name]));
  }
  for (const [file, names] of free) {
    const origin = origins.get(file);
    const declared = [...names]
      .sort()
      .map((name) => `declare let ${name}: any; type ${name} = any;`);
    await writeFile(file, `${declared.join(' ')}\n${origin.text}`);
    origin.offset += 1;
  }
  const result = free.size > 0 ? tsc() : first;
  const errors = [];
  for (const d of diagnostics(result)) {
    const origin = origins.get(d.file);
    if (!origin) continue;
    const line0 = d.line - 1 - origin.offset;
    errors.push(
      `${origin.file}:${origin.line + Math.max(line0, 0)} (@example): ${d.code} ${d.message}`,
    );
  }
  if (result.status !== 0 && errors.length === 0) {
    console.error(
      `check-examples: tsc failed outside the examples:\n${result.stdout}${result.stderr}`,
    );
    process.exit(1);
  }
  const freeCount = [...free.values()].reduce((sum, names) => sum + names.size, 0);
  if (process.argv.includes('--free-names')) {
    for (const [file, names] of free) {
      const origin = origins.get(file);
      console.log(`  ${origin.file}:${origin.line}: ${[...names].sort().join(', ')}`);
    }
  }
  if (errors.length > 0) {
    console.error(
      `check-examples: ${errors.length} type error(s) in @example blocks (the files are in ${out}):`,
    );
    for (const error of errors) console.error(`  ${error}`);
    process.exit(1);
  }
  console.log(
    `check-examples: ${count} @example blocks typecheck (${freeCount} names in ${free.size} of them used as given, typed any: --free-names lists them)`,
  );
}

await main();
