#!/usr/bin/env node
// `pnpm dev`'s entry. It runs the launcher (src/main.ts) from source through tsx, so that
// `--help` and a bad option answer at once, before the dev build it then makes or reuses.
import { tsImport } from 'tsx/esm/api';

await tsImport('../src/main.ts', import.meta.url);
