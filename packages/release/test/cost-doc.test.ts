// docs/cost.md shows the tables `node scripts/cost.mjs` prints: the figures are the script's,
// so a change of price or assumption in the script has to reach the document.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../..', import.meta.url));

describe('docs/cost.md', () => {
  it('holds every line scripts/cost.mjs prints', async () => {
    const { stdout } = await run(process.execPath, ['scripts/cost.mjs'], { cwd: repo });
    const doc = await readFile(`${repo}/docs/cost.md`, 'utf8');
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.filter((line) => !doc.includes(line))).toEqual([]);
  });
});
