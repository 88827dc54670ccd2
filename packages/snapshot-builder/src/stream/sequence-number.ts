const DIGITS = /^\d+$/;

/** Whether a value is a stream sequence number: a non-empty string of decimal digits. */
export function isSequenceNumber(value: unknown): value is string {
  return typeof value === 'string' && DIGITS.test(value);
}

function stripZeros(value: string): string {
  let i = 0;
  while (i < value.length - 1 && value.charCodeAt(i) === 48) i++;
  return i === 0 ? value : value.slice(i);
}

/**
 * Compares two DynamoDB stream sequence numbers as the big integers they are: decimal
 * strings of varying length (21 to 40 digits in practice), so neither string order nor
 * `Number` works. Negative when `a` is older.
 *
 * @example
 * compareSequenceNumbers('999', '1000'); // < 0
 */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
