// RFC 3339 by hand: Go writes nanoseconds and offsets (2025-10-17T12:00:00.123456789+02:00),
// which Date.parse does not promise to read.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp; `null` when the text is not one (or names an impossible
 * date). Fractions beyond milliseconds are dropped.
 *
 * @example
 * parseRfc3339('2025-10-17T14:00:00.123456789+02:00')?.toISOString(); // '2025-10-17T12:00:00.123Z'
 */
export function parseRfc3339(text: unknown): Date | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  let time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC rolls 31 February over to March; a real date keeps its day.
  if (new Date(time).getUTCDate() !== day) return null;
  if (m[9]) {
    const offset = (Number(m[10]) * 60 + Number(m[11])) * 60_000;
    time += m[9] === '+' ? -offset : offset;
  }
  return new Date(time);
}

/** `YYYY-MM-DD` in UTC, the form the member list shows. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
