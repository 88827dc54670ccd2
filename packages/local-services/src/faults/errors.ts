import { LocalServicesError } from '../errors.js';

/** What went wrong when a fault proxy was set up. */
export type FaultErrorCode = 'faults.invalid-options' | 'faults.invalid-rule' | 'faults.bad-seeds';

/** Thrown by the fault proxies for options or rules they cannot use; nothing is started. */
export class FaultError extends LocalServicesError<FaultErrorCode> {
  override name = 'FaultError';
}

/** Rejects keys an options object does not know, so a misspelt option fails instead of doing nothing. */
export function rejectUnknownKeys(
  value: object,
  allowed: readonly string[],
  where: string,
  code: FaultErrorCode,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new FaultError(code, `${where}: unknown key '${key}'; allowed: ${allowed.join(', ')}`);
    }
  }
}
