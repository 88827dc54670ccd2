// vitest globalSetup: the process tests run `dist/main.js`, and turbo's `test` task builds
// only this package's dependencies, so build this package first: the tests then always run
// the current sources.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync('pnpm', ['run', '--silent', 'build'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
