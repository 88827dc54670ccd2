import { normalizeHostname } from '@symval/groupid';
import { CliError } from '../cli/errors.js';

/**
 * Normalises every hostname given on the command line (lowercase, trailing dot, IDNA) with
 * `normalizeHostname`, keeping their order. All bad ones are reported at once.
 *
 * @throws CliError `input.hostname` (exit code 2) naming each bad hostname and why.
 */
export function normalizeDomains(domains: readonly string[]): string[] {
  const hostnames: string[] = [];
  const problems: string[] = [];
  for (const domain of domains) {
    const result = normalizeHostname(domain);
    if (result.ok) hostnames.push(result.hostname);
    else problems.push(`${JSON.stringify(domain)}: ${result.message}`);
  }
  if (problems.length > 0) {
    throw new CliError(
      'input.hostname',
      `${problems.length === 1 ? 'not a hostname' : `${problems.length} arguments are not hostnames`}: ${problems.join('; ')}`,
      { hint: 'Give hostnames such as zq.suns.bz: no scheme, path or port.' },
    );
  }
  return hostnames;
}
