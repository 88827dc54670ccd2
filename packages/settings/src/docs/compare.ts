import type { Setting } from '../declaration/types.js';
import { settingsTableRows } from './table.js';

/** The cells of a Markdown table row, trimmed; `undefined` for a line that is not a row. */
function cells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return undefined;
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());
}

/** The body rows of the first table after the heading `## <title>`. */
export function tableUnder(markdown: string, title: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return [];
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    const row = cells(line);
    if (!row) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    rows.push(row);
  }
  // Drop the header and the |---| line.
  return rows.slice(2);
}

/**
 * Where docs/configuration.md and the declaration disagree, one sentence each: a setting not
 * documented, a documented one not declared, or a cell (used by, default, meaning) that
 * differs; and a linked resource of a setting missing from the links table. Empty when they
 * agree.
 */
export function compareSettingsDoc(markdown: string, settings: readonly Setting[]): string[] {
  const problems: string[] = [];
  const documented = new Map<string, string[]>();
  for (const row of tableUnder(markdown, 'Environment variables')) {
    documented.set(row[0] ?? '', row);
  }
  if (documented.size === 0) problems.push('no "## Environment variables" table was found');
  const expected = settingsTableRows(settings);
  for (const row of expected) {
    const doc = documented.get(row.variable);
    if (!doc) {
      problems.push(`${row.variable} is declared but not documented`);
      continue;
    }
    const columns = [
      ['used by', row.usedBy, doc[1]],
      ['default', row.default, doc[2]],
      ['meaning', row.meaning, doc[3]],
    ] as const;
    for (const [column, declared, written] of columns) {
      if (declared !== written) {
        problems.push(
          `${row.variable}: the docs' ${column} is ${JSON.stringify(written ?? '')}, the declaration's ${JSON.stringify(declared)}`,
        );
      }
    }
  }
  const declared = new Set(expected.map((row) => row.variable));
  for (const variable of documented.keys()) {
    if (!declared.has(variable)) problems.push(`${variable} is documented but not declared`);
  }
  const links = new Set(tableUnder(markdown, 'Linked resources (SST names)').map((row) => row[0]));
  for (const setting of settings) {
    if (setting.link && !links.has(`\`${setting.link.resource}\``)) {
      problems.push(
        `${setting.name} falls back to the link ${setting.link.resource}, which the linked resources table does not list`,
      );
    }
  }
  return problems;
}
