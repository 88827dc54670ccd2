import type { Setting } from '../declaration/types.js';

/** One row of the environment table of docs/configuration.md. */
export interface SettingsTableRow {
  readonly variable: string;
  readonly usedBy: string;
  readonly default: string;
  readonly meaning: string;
}

/** What the docs' default column says for a setting. */
export function documentedDefault(setting: Setting): string {
  if (setting.defaultNote !== undefined) return setting.defaultNote;
  if (setting.link) return `linked \`${setting.link.resource}\``;
  return setting.default === undefined ? '' : `\`${setting.default}\``;
}

/** The rows the docs must have, one per setting, in order. */
export function settingsTableRows(settings: readonly Setting[]): SettingsTableRow[] {
  return settings.map((setting) => ({
    variable: `\`${setting.name}\``,
    usedBy: setting.usedBy.join(', '),
    default: documentedDefault(setting),
    meaning: setting.doc,
  }));
}

/**
 * The environment table of docs/configuration.md as Markdown, to paste when the declaration
 * changes.
 */
export function renderSettingsTable(settings: readonly Setting[]): string {
  const lines = [
    '| variable | used by | default | meaning |',
    '|---|---|---|---|',
    ...settingsTableRows(settings).map(
      (row) => `| ${row.variable} | ${row.usedBy} | ${row.default} | ${row.meaning} |`,
    ),
  ];
  return lines.join('\n');
}
