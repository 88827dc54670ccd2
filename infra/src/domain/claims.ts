import { calculateGroupIdV1 } from '@symval/groupid';
import type { ClubSettings } from '../stage/deploy-env.js';

/** One TXT record of the club's claims: `_suns.<hostname>` and the group IDs it holds. */
export interface ClaimRecord {
  hostname: string;
  /** The record's name, `_suns.<hostname>`. */
  name: string;
  /** The group IDs, one per claim naming the hostname (usually one). */
  values: string[];
}

/** Where a member's claims live: `_suns.` before the hostname. */
export const CLAIM_PREFIX = '_suns.';

/**
 * The TXT records of the club's claims on its own names: for each claim, the v1 group ID of
 * its owner (the claim's own, else the club's), type code and hostnames, at `_suns.` of each
 * hostname. This is what any member computes and publishes (`symval groupid`); the club
 * attests itself like any member, after the records are live.
 *
 * @example
 * clubClaimRecords({ owner: 'https://zq.suns.bz', claims: [{ type: 'b', hostnames: ['zq.suns.bz'] }] });
 * // [{ hostname: 'zq.suns.bz', name: '_suns.zq.suns.bz', values: ['v1:b:Adg2…=:Ajl…='] }]
 */
export function clubClaimRecords(club: ClubSettings): ClaimRecord[] {
  const records = new Map<string, ClaimRecord>();
  for (const claim of club.claims) {
    const id = calculateGroupIdV1(claim.owner ?? club.owner, claim.type, claim.hostnames);
    for (const hostname of claim.hostnames) {
      const record = records.get(hostname) ?? {
        hostname,
        name: `${CLAIM_PREFIX}${hostname}`,
        values: [],
      };
      if (!record.values.includes(id)) record.values.push(id);
      records.set(hostname, record);
    }
  }
  return [...records.values()];
}

/** `zb.snus.suns.bz` -> `ZbSnusSunsBz`: a record's Pulumi name from its hostname. */
export function logicalNameOf(hostname: string): string {
  return hostname
    .split(/[^a-z0-9]+/i)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The TXT records' time to live: short, so a changed claim is seen within minutes. */
export const CLAIM_TTL_SECONDS = 60;

/**
 * Creates the club's claims as Route 53 TXT records in `zoneId`. With `takeOver`, a record of
 * the same name already in the zone (the existing club's) is replaced in place (UPSERT).
 */
export function createClubClaims(options: {
  club: ClubSettings;
  zoneId: $util.Input<string>;
  takeOver: boolean;
  parent?: $util.Resource;
}): aws.route53.Record[] {
  return clubClaimRecords(options.club).map(
    (record) =>
      new aws.route53.Record(
        `ClubClaim${logicalNameOf(record.hostname)}`,
        {
          zoneId: options.zoneId,
          name: record.name,
          type: 'TXT',
          ttl: CLAIM_TTL_SECONDS,
          records: record.values,
          allowOverwrite: options.takeOver,
        },
        { parent: options.parent },
      ),
  );
}
