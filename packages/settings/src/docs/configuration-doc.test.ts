import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../declaration/settings.js';
import { compareSettingsDoc } from './compare.js';
import { renderSettingsTable } from './table.js';

const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');

describe('docs/configuration.md', () => {
  it('documents every declared setting, declares every documented one, and agrees on each cell', () => {
    const problems = compareSettingsDoc(docs, SETTINGS);
    // On failure: paste renderSettingsTable(SETTINGS) into the docs, or fix the declaration.
    expect(problems, `expected table:\n${renderSettingsTable(SETTINGS)}`).toEqual([]);
  });

  it('would notice a setting left out, one added, and a default that differs (the check itself works)', () => {
    const changed = docs
      .replace(/^\| `REATTEST_GRACE_HOURS` \|.*\n/m, '')
      .replace(
        '| `LOG_LEVEL` | all functions | `INFO` |',
        '| `LOG_LEVEL` | all functions | `WARN` |',
      )
      .replace(
        /^(\| `SNAPSHOT_KEY` \|.*)$/m,
        '$1\n| `SNAPSHOT_PREFIX` | streamer | `records/` | where the public files go |',
      );
    expect(compareSettingsDoc(changed, SETTINGS)).toEqual([
      `\`REATTEST_GRACE_HOURS\` is declared but not documented`,
      `\`LOG_LEVEL\`: the docs' default is "\`WARN\`", the declaration's "\`INFO\`"`,
      `\`SNAPSHOT_PREFIX\` is documented but not declared`,
    ]);
  });
});
