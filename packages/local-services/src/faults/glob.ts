/** A glob (`*` any run of characters, `?` one character) as an anchored regular expression. */
export function globToRegExp(glob: string, flags = ''): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, flags);
}

/** Whether a pattern has glob characters (a plain name can be checked against a list). */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
