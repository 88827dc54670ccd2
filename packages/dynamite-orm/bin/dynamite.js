#!/usr/bin/env node
// The `dynamite` command's committed entry. package.json's `bin` points here, not into
// `dist/`, so pnpm and npm can link the command at install time, before anything is built;
// the command itself is the compiled `dist/bin/dynamite.js`.
const entry = new URL('../dist/bin/dynamite.js', import.meta.url);

try {
  await import(entry.href);
} catch (error) {
  // Only the entry itself missing means "not built"; any other failure is the command's own.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(entry.pathname)) {
    throw error;
  }
  process.stderr.write(
    'dynamite: the package is not built yet (no dist/bin/dynamite.js); run `pnpm --filter @symval/dynamite-orm build` first\n',
  );
  process.exitCode = 1;
}
