// Sums the vitest JSON results every package writes, so CI shows one total.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const totals = { files: 0, passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const group of ['packages', 'apps', 'infra']) {
  if (!existsSync(group)) continue;
  const dirs = group === 'infra' ? ['.'] : readdirSync(group);
  for (const dir of dirs) {
    const file = path.join(group, dir, 'test-artifacts', 'vitest-results.json');
    if (!existsSync(file)) continue;
    const result = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = result.numPendingTests + result.numTodoTests;
    totals.files += result.numTotalTestSuites ? result.testResults.length : 0;
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += skipped;
    rows.push(
      `${path.join(group, dir).padEnd(32)} ${String(result.numPassedTests).padStart(5)} passed ${String(result.numFailedTests).padStart(3)} failed ${String(skipped).padStart(3)} skipped`,
    );
  }
}
console.log('\nTest totals');
for (const row of rows) console.log(`  ${row}`);
console.log(
  `  ${'all'.padEnd(32)} ${String(totals.passed).padStart(5)} passed ${String(totals.failed).padStart(3)} failed ${String(totals.skipped).padStart(3)} skipped in ${totals.files} files`,
);
if (totals.failed > 0) process.exit(1);
