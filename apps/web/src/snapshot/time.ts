/** `YYYY-MM-DD` in UTC, the form the member list shows. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
