import type { ErasureReport } from './verify.js';

const LABEL = { pass: 'PASS', fail: 'FAIL', review: 'NEEDS REVIEW' } as const;
const MARK = { fail: 'FAIL  ', review: 'REVIEW', note: 'NOTE  ' } as const;

/** A table's name, or an entity's as `table/entity`. */
function nameOf(x: { readonly table: string; readonly entity?: string | undefined }): string {
  return x.entity === undefined ? x.table : `${x.table}/${x.entity}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The report as text for a terminal or a CI log: the verdict, each finding, then every table
 * with its decision and how its personal attributes are erased.
 */
export function formatErasureReport(report: ErasureReport): string {
  const count = (severity: 'fail' | 'review' | 'note') =>
    report.findings.filter((f) => f.severity === severity).length;
  const lines = [
    `erasure: ${LABEL[report.status]} (${plural(report.tables.length, 'table')}, ${plural(count('fail'), 'failure')}, ${count('review')} to review, ${plural(count('note'), 'note')})`,
  ];
  if (report.findings.length > 0) {
    lines.push('');
    for (const f of report.findings) {
      lines.push(
        `  ${MARK[f.severity]}  ${nameOf(f)}${f.attribute ? `.${f.attribute}` : ''}: ${f.message}`,
      );
    }
  }
  lines.push('', 'tables:');
  for (const t of report.tables) {
    lines.push(`  ${nameOf(t)}  [${t.decision}]${t.rowsDeleted ? ' rows deleted' : ''}`);
    for (const detail of t.details) lines.push(`    - ${detail}`);
    for (const p of t.personal) {
      lines.push(
        `    * ${p.path} (${p.category}): ${p.erasedBy === 'nothing' ? 'NOT ERASED' : `erased by ${p.erasedBy}`}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
