// `pnpm docs`: the API reference of every public package with a JavaScript API, one page
// each, from their TSDoc, written to docs/api/ (gitignored). The CLI has no exports: its
// reference is its README.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const packages = ['packages', 'apps'].flatMap((group) =>
  readdirSync(path.join(root, group))
    .map((entry) => path.join(root, group, entry))
    .filter((dir) => {
      const file = path.join(dir, 'package.json');
      if (!existsSync(file)) return false;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      return !manifest.private && manifest.exports?.['.'];
    }),
);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'symval API reference',
  entryPointStrategy: 'packages',
  entryPoints: packages,
  packageOptions: { entryPoints: ['src/index.ts'], readme: 'none' },
  out: path.join(root, 'docs', 'api'),
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: false,
};
