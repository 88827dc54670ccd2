/** `1 hostname`, `2 hostnames` */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** Indents every line of `text`. */
export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? `${by}${line}` : line))
    .join('\n');
}
