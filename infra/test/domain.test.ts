import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_DEPLOY } from '../src/index.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import { HOSTED_ZONE_ID } from './sst/mocks.js';
import { dev, production, staging } from './sst/shared.js';

interface RecordInputs {
  zoneId: string;
  name: string;
  type: string;
  ttl?: number;
  records?: string[];
  aliases?: { name: string; zoneId: string; evaluateTargetHealth: boolean }[];
  allowOverwrite?: boolean;
}

/** The Route 53 records, by their inputs (`name` is the DNS name). */
const records = (run: Deployment) =>
  run.all(TYPES.record).map((r) => r.inputs as unknown as RecordInputs);

/** A v1 group ID recomputed here with node:crypto, independently of @symval/groupid. */
function groupId(owner: string, type: string, hostnames: string[]): string {
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
  return `v1:${type}:${hash(owner)}:${hash([...hostnames].sort().join(''))}`;
}

describe('the club’s zone', () => {
  it('is looked up by name, once, and never created', () => {
    for (const run of [production(), staging()]) {
      const byName = run.result.providerCalls.filter(
        (call) => call.token === 'aws:route53/getZone:getZone' && call.inputs.name !== undefined,
      );
      expect(byName.map((call) => call.inputs)).toEqual([{ name: 'suns.bz', privateZone: false }]);
      expect(run.all('aws:route53/zone:Zone')).toEqual([]);
      // SST's own per-name lookup is not used when the zone is known.
      expect(run.dynamic('HostedZoneLookup')).toEqual([]);
      for (const record of records(run)) expect(record.zoneId).toBe(HOSTED_ZONE_ID);
    }
  });

  it('is not needed by a stage without a domain or claims', () => {
    const run = dev();
    expect(run.result.providerCalls.map((c) => c.token)).not.toContain(
      'aws:route53/getZone:getZone',
    );
    expect(run.all(TYPES.record)).toEqual([]);
    expect(run.all(TYPES.certificate)).toEqual([]);
  });
});

describe('the site’s names', () => {
  const cloudfront = (run: Deployment) =>
    run.state<{ domainName: string; hostedZoneId: string }>(
      TYPES.distribution,
      'RouterCdnDistribution',
    );

  it('all point at the Router, IPv4 and IPv6', () => {
    for (const [run, names] of [
      [production(), ['zq.suns.bz', 'suns.bz', 'zb.snus.suns.bz']],
      [staging(), ['staging.suns.bz', 'zq.staging.suns.bz']],
    ] as const) {
      const target = cloudfront(run);
      const aliases = records(run).filter((r) => r.type === 'A' || r.type === 'AAAA');
      expect(aliases.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
        names.flatMap((name) => [`A ${name}`, `AAAA ${name}`]).sort(),
      );
      for (const record of aliases) {
        expect(record.aliases).toEqual([
          { name: target.domainName, zoneId: target.hostedZoneId, evaluateTargetHealth: true },
        ]);
      }
    }
  });

  it('are on one certificate, validated by DNS in the zone', () => {
    for (const [run, [main, ...aliases]] of [
      [production(), ['zq.suns.bz', 'suns.bz', 'zb.snus.suns.bz']],
      [staging(), ['staging.suns.bz', 'zq.staging.suns.bz']],
    ] as const) {
      const certificates = run.all(TYPES.certificate);
      expect(certificates.map((c) => c.inputs)).toEqual([
        { domainName: main, subjectAlternativeNames: aliases, validationMethod: 'DNS' },
      ]);
      const validation = certificates[0]!.state.domainValidationOptions as {
        resourceRecordName: string;
        resourceRecordValue: string;
      }[];
      const cnames = records(run).filter((r) => r.type === 'CNAME');
      expect(cnames.map((r) => `${r.name} ${r.records?.join(' ')}`).sort()).toEqual(
        validation.map((v) => `${v.resourceRecordName} ${v.resourceRecordValue}`).sort(),
      );
      const distribution = run.inputs<{ viewerCertificate: { acmCertificateArn: string } }>(
        TYPES.distribution,
        'RouterCdnDistribution',
      );
      expect(distribution.viewerCertificate.acmCertificateArn).toBe(certificates[0]!.state.arn);
    }
  });

  it('replace the records the existing club has for them in production, and nowhere else', () => {
    expect(records(production()).every((r) => r.allowOverwrite === true)).toBe(true);
    expect(records(staging()).every((r) => !r.allowOverwrite)).toBe(true);
  });
});

describe('the club’s _suns claims', () => {
  const claims = (run: Deployment) =>
    run
      .all(TYPES.record)
      .filter((r) => r.inputs.type === 'TXT')
      .map((r) => r.inputs as unknown as RecordInputs);

  it('are TXT records whose group IDs are the owner, type and names of the pinned claims', () => {
    const club = PRODUCTION_DEPLOY.club!;
    const expected = club.claims.flatMap((claim) =>
      claim.hostnames.map((hostname) => ({
        zoneId: HOSTED_ZONE_ID,
        name: `_suns.${hostname}`,
        type: 'TXT',
        ttl: 60,
        records: [groupId(claim.owner ?? club.owner, claim.type, claim.hostnames)],
        allowOverwrite: true,
      })),
    );
    expect(claims(production())).toEqual(expected);
    // The values the existing club publishes at _suns.zq.suns.bz and _suns.zb.snus.suns.bz.
    expect(expected.map((r) => r.records[0])).toEqual([
      'v1:b:Adg2VY1R7OIZHMz/Z1uk1lOCe2DtwzXYTpaBHpDEtkU=:AjlAANu+Rl8TYqK0CvGy+S6NIswJmRuEsYSn43MG+2s=',
      'v1:a:1TcHFCGUO8ipNQfOLGZ5xs2nnhEsKOqIQkYyXkE9vcE=:jgvt4BDuPrTOIado+FqXJh2eMMF9invGPxf0gdonycM=',
    ]);
  });

  it('come from SYMVAL_CLUB_OWNER and SYMVAL_CLUB_CLAIMS on a stage that sets them', () => {
    expect(claims(staging())).toEqual([
      {
        zoneId: HOSTED_ZONE_ID,
        name: '_suns.zq.staging.suns.bz',
        type: 'TXT',
        ttl: 60,
        records: [groupId('https://staging.suns.bz', 'b', ['zq.staging.suns.bz'])],
        allowOverwrite: false,
      },
    ]);
    expect(claims(dev())).toEqual([]);
  });
});
