// A small HCL writer: just enough syntax for Terraform resources, formatted the way
// `terraform fmt` would (two-space indent, `=` aligned within a run of attributes).

/** A value of an HCL attribute. */
export type HclValue =
  | string
  | number
  | boolean
  | readonly string[]
  | { readonly object: Readonly<Record<string, string>> };

/** An attribute (`name = value`) or a nested block (`name { ... }`). */
export type HclEntry =
  | { readonly attribute: string; readonly value: HclValue }
  | { readonly block: HclBlock };

/** A block: `type "label" ... { body }`. */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly HclEntry[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether a name can be written bare (an identifier). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A quoted HCL string. Besides the JSON-like escapes, `${` and `%{` would start a template
 * interpolation or directive; doubling the sigil makes them literal.
 */
export function quote(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  // (A function replacement: in a replacement string `$$` would mean a single `$`.)
  return `"${out.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')}"`;
}

function value(v: HclValue, indent: string): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly string[]).map(quote).join(', ')}]`;
  const entries = Object.keys((v as { object: Record<string, string> }).object).sort();
  if (entries.length === 0) return '{}';
  const object = (v as { object: Record<string, string> }).object;
  const keys = entries.map(quote);
  const width = Math.max(...keys.map((k) => k.length));
  const inner = entries.map(
    (k, i) => `${indent}  ${keys[i]!.padEnd(width)} = ${quote(object[k]!)}`,
  );
  return `{\n${inner.join('\n')}\n${indent}}`;
}

function body(entries: readonly HclEntry[], indent: string): string[] {
  const lines: string[] = [];
  let run: { attribute: string; value: HclValue }[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const width = Math.max(...run.map((a) => a.attribute.length));
    for (const a of run)
      lines.push(`${indent}${a.attribute.padEnd(width)} = ${value(a.value, indent)}`);
    run = [];
  };
  for (const entry of entries) {
    if ('attribute' in entry) {
      run.push(entry);
      continue;
    }
    flush();
    if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
    lines.push(...block(entry.block, indent));
    lines.push('');
  }
  flush();
  while (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The text of a block, one line per element, at an indent. */
export function block(b: HclBlock, indent = ''): string[] {
  const head = [b.type, ...b.labels.map(quote)].join(' ');
  return [`${indent}${head} {`, ...body(b.body, `${indent}  `), `${indent}}`];
}

/** An HCL comment line (one line: newlines become spaces). */
export function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}
