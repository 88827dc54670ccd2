// The account prerequisites of a first deploy, as pure decisions on facts read from the
// account (./account.ts reads them). Each says what it found and, when it fails, what to do.
import { RESERVED_CONCURRENCY } from '../functions/concurrency.js';

/** The outcome of one check. */
export interface CheckResult {
  /** What is checked, e.g. `Lambda concurrency`. */
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

/** Lambda keeps this much of the account's concurrency unreserved, for all other functions. */
export const MIN_UNRESERVED_CONCURRENCY = 100;

/** The account's Lambda concurrency (GetAccountSettings' `AccountLimit`). */
export interface ConcurrencyFacts {
  /** `ConcurrentExecutions`: the account's limit in the region. */
  limit: number;
  /** `UnreservedConcurrentExecutions`: what no function has reserved yet. */
  unreserved: number;
}

/**
 * The stage reserves concurrency for the streamer and reattestbatch; Lambda refuses a
 * reservation that leaves less than {@link MIN_UNRESERVED_CONCURRENCY} unreserved (new accounts
 * often have a limit of 10, where no reservation at all is possible).
 */
export function checkConcurrency(facts: ConcurrencyFacts): CheckResult {
  const reserved = Object.values(RESERVED_CONCURRENCY).reduce((sum, n) => sum + n, 0);
  const left = facts.unreserved - reserved;
  const detail = `account limit ${facts.limit}, ${facts.unreserved} unreserved; the stage reserves ${reserved}, leaving ${left}`;
  if (left >= MIN_UNRESERVED_CONCURRENCY) return { name: 'Lambda concurrency', ok: true, detail };
  return {
    name: 'Lambda concurrency',
    ok: false,
    detail: `${detail}, below Lambda's minimum of ${MIN_UNRESERVED_CONCURRENCY} unreserved`,
    fix: `ask for a Lambda "Concurrent executions" quota of at least ${facts.limit - facts.unreserved + reserved + MIN_UNRESERVED_CONCURRENCY} in Service Quotas (this region)`,
  };
}

/** The account-wide S3 Block Public Access settings; undefined when none are set. */
export interface PublicAccessBlockFacts {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/**
 * The site bucket's policy makes `records/` public. At the account level, BlockPublicPolicy
 * makes S3 refuse that policy (the deploy fails), and RestrictPublicBuckets makes S3 ignore it
 * (the snapshot is then readable only through the Router). ACL blocking is fine.
 */
export function checkPublicAccessBlock(facts: PublicAccessBlockFacts | undefined): CheckResult {
  const name = 'S3 Block Public Access (account)';
  if (!facts) return { name, ok: true, detail: 'not configured for the account' };
  const blocking = (['blockPublicPolicy', 'restrictPublicBuckets'] as const).filter(
    (key) => facts[key],
  );
  const detail = Object.entries(facts)
    .map(([key, value]) => `${key} ${value ? 'on' : 'off'}`)
    .join(', ');
  if (blocking.length === 0) return { name, ok: true, detail };
  return {
    name,
    ok: false,
    detail: `${detail}: ${blocking.join(' and ')} would block the public records/ policy`,
    fix: 'turn off BlockPublicPolicy and RestrictPublicBuckets in the account settings of S3 Block Public Access (the ACL settings can stay on)',
  };
}

/** A hosted zone of the account (ListHostedZonesByName). */
export interface HostedZoneFacts {
  id: string;
  /** With the trailing dot, as Route 53 gives it. */
  name: string;
  private: boolean;
}

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * A stage with a domain needs a public Route 53 zone holding its names in the account
 * deploying: the stage's `zone` when it names one (its TXT claims go there too), else the
 * nearest zone of the main name or a parent of it, which SST looks up to validate the
 * certificate and to point each name at the Router.
 */
export function checkHostedZone(
  target: { names: string[]; zone?: string },
  zones: readonly HostedZoneFacts[],
): CheckResult {
  const name = 'Route 53 zone';
  const [main] = target.names;
  const wanted = target.zone ?? main;
  if (!wanted) return { name, ok: true, detail: 'no domain for this stage' };
  const suffixes = target.zone
    ? [`${target.zone}.`]
    : wanted.split('.').map((_, i, labels) => `${labels.slice(i).join('.')}.`);
  const zone = zones
    .filter((z) => !z.private && suffixes.includes(z.name.toLowerCase()))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (zone) {
    const zoneName = zone.name.toLowerCase().replace(/\.$/, '');
    const outside = target.names.filter((n) => n !== zoneName && !n.endsWith(`.${zoneName}`));
    if (outside.length > 0) {
      return {
        name,
        ok: false,
        detail: `${listed(outside)} ${outside.length === 1 ? 'is' : 'are'} not in ${zone.name} (${zone.id})`,
        fix: `serve only names under ${zoneName}, or name a zone that holds them all`,
      };
    }
    const names = target.names.length > 0 ? listed(target.names) : "the club's claims";
    return {
      name,
      ok: true,
      detail: `${names} ${target.names.length === 1 ? 'is' : 'are'} in ${zone.name} (${zone.id})`,
    };
  }
  const privateOnly = zones.some((z) => z.private && suffixes.includes(z.name.toLowerCase()));
  return {
    name,
    ok: false,
    detail: privateOnly
      ? `only a private zone holds ${wanted} in this account`
      : `no hosted zone in this account holds ${wanted}`,
    fix: target.zone
      ? `create the public hosted zone ${target.zone} in this account and delegate the domain to its name servers`
      : `create a public hosted zone for ${wanted} (or a parent of it) in this account and delegate the domain to its name servers`,
  };
}
