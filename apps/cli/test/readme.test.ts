// The README's offline examples (groupid, check, validate: no DNS, no AWS), run through the
// same runCli the bin calls; each must print what the README shows under it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR, runSymval } from './run-cli.js';

const OFFLINE = new Set(['groupid', 'check', 'validate']);

interface Example {
  command: string;
  /** The output the README shows: a following ``` block, or the `# ` lines under it. */
  expected: string[] | undefined;
}

async function offlineExamples(): Promise<Example[]> {
  const readme = await readFile(join(APP_DIR, 'README.md'), 'utf8');
  const examples: Example[] = [];
  for (const match of readme.matchAll(/```sh\n([\s\S]*?)```(?:\n\n```\n([\s\S]*?)```)?/g)) {
    const lines = (match[1] ?? '').split('\n');
    lines.forEach((line, index) => {
      const [name, sub] = line.split(' ');
      if (name !== 'symval' || !OFFLINE.has(sub ?? '')) return;
      const comments: string[] = [];
      for (const next of lines.slice(index + 1)) {
        if (!next.startsWith('# ')) break;
        comments.push(next.slice(2));
      }
      const block =
        match[2] && index === lines.length - 2 ? match[2].trimEnd().split('\n') : undefined;
      examples.push({
        command: line,
        expected: block ?? (comments.length > 0 ? comments : undefined),
      });
    });
  }
  return examples;
}

describe('README', () => {
  it('shows offline examples whose output is what symval prints', async () => {
    const examples = await offlineExamples();
    expect(examples.map((example) => example.command.split(' ')[1])).toEqual(
      expect.arrayContaining(['groupid', 'check', 'validate']),
    );
    expect(examples.filter((example) => example.expected).length).toBeGreaterThanOrEqual(2);
    for (const { command, expected } of examples) {
      const args = command.split(/\s+/).slice(1);
      const run = await runSymval(args);
      expect(run.stderr, command).toBe('');
      expect(run.code, command).toBe(0);
      if (expected) expect(run.stdout.trimEnd().split('\n'), command).toEqual(expected);
    }
  });
});
