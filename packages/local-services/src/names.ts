import { randomBytes } from 'node:crypto';

/** A table or bucket name no other test in this run uses: `<prefix>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
