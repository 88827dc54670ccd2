#!/usr/bin/env node
// The `symval` bin. pnpm links bins when it installs, before anything is built, so the link
// points at this committed file rather than into dist/ (a link to a file that does not exist
// yet fails with "Failed to create bin"). It runs the build, or says how to make one.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);

if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write(
    'symval: this copy of the CLI is not built yet (dist/main.js is missing).\n' +
      'From the repository root, run it as `pnpm symval …` (it builds first), or build it once:\n' +
      '  pnpm turbo run build --filter=@symval/cli...\n',
  );
  process.exitCode = 2;
}
