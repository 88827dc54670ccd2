// Gzipped sizes of the built JavaScript, for the build's report and the benchmark.
import { gzipSync } from 'node:zlib';

/** A budget for all JavaScript of the site together, gzipped: 30 KB. */
export const JS_BUDGET_BYTES = 30 * 1024;

/** One file's size. */
export interface FileSize {
  name: string;
  bytes: number;
  gzipBytes: number;
}

/** The sizes and whether they fit the budget. */
export interface SizeReport {
  files: FileSize[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

/** Measures files (name and contents), largest gzipped first. */
export function measureFiles(
  files: readonly { name: string; contents: string | Uint8Array }[],
  budgetBytes: number = JS_BUDGET_BYTES,
): SizeReport {
  const sizes = files
    .map(({ name, contents }) => {
      const bytes =
        typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
      return { name, bytes, gzipBytes: gzipSync(contents, { level: 9 }).byteLength };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || (a.name < b.name ? -1 : 1));
  const totalGzipBytes = sizes.reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    files: sizes,
    totalBytes: sizes.reduce((sum, file) => sum + file.bytes, 0),
    totalGzipBytes,
    budgetBytes,
    withinBudget: totalGzipBytes <= budgetBytes,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

/** The report as lines for the terminal. */
export function formatSizeReport(report: SizeReport): string {
  const width = Math.max(20, ...report.files.map((file) => file.name.length));
  const lines = report.files.map(
    (file) =>
      `  ${file.name.padEnd(width)}  ${kb(file.bytes).padStart(10)}  ${kb(file.gzipBytes).padStart(10)} gzip`,
  );
  const verdict = report.withinBudget ? 'within' : 'OVER';
  lines.push(
    `  ${'total JavaScript'.padEnd(width)}  ${kb(report.totalBytes).padStart(10)}  ${kb(report.totalGzipBytes).padStart(10)} gzip (${verdict} the ${kb(report.budgetBytes)} budget)`,
  );
  return lines.join('\n');
}
