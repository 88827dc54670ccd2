import { readFileSync } from 'node:fs';

/**
 * The CLI's version, from its package.json. The path is the same from `src/cli/` under tsx
 * and from `dist/cli/` once built.
 */
export function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
