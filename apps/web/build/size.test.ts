import { describe, expect, it } from 'vitest';
import { formatSizeReport, measureFiles } from './size.js';

describe('measureFiles', () => {
  it('measures raw and gzipped bytes, largest first, and checks the budget', () => {
    const big = 'x'.repeat(10_000);
    const report = measureFiles(
      [
        { name: 'a.js', contents: 'let a = 1;' },
        { name: 'b.js', contents: big },
      ],
      1000,
    );
    expect(report.files.map((f) => f.name)).toEqual(['b.js', 'a.js']);
    expect(report.totalBytes).toBe(10_010);
    expect(report.totalGzipBytes).toBe(report.files[0]!.gzipBytes + report.files[1]!.gzipBytes);
    expect(report.totalGzipBytes).toBeLessThan(200);
    expect(report.withinBudget).toBe(true);
    expect(
      measureFiles([{ name: 'r.js', contents: crypto.getRandomValues(new Uint8Array(4096)) }], 1000)
        .withinBudget,
    ).toBe(false);
  });

  it('prints a line per file and a total naming the budget', () => {
    const text = formatSizeReport(measureFiles([{ name: 'a.js', contents: 'x' }], 2048));
    expect(text).toMatch(/a\.js\s+0\.00 KB\s+0\.02 KB gzip/);
    expect(text).toMatch(/total JavaScript .* \(within the 2\.00 KB budget\)$/);
  });
});
