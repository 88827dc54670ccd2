/**
 * Rows under a header, columns padded to the widest cell and separated by two spaces; the
 * last column is not padded, so long values (group IDs) can go there without widening the
 * others. `header` may be styled by the caller; widths are measured on the plain text.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  styleHeader: (text: string) => string = (text) => text,
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [styleHeader(line(header)), ...rows.map(line)].join('\n');
}
