import { normalizeHostname } from '@symval/groupid';
import { InfraError } from '../errors/infra-error.js';
import { PINNED_DEPLOY_SETTINGS, type PinnedDeploySettings } from './pinned.js';
import { PRODUCTION_STAGE } from './settings.js';

/** One `_suns` claim the club publishes for itself: a group of its own names. */
export interface ClubClaim {
  /** The symmetry type's one-letter code (`a` to `h`), as in group IDs. */
  type: string;
  /** The group's hostnames, in normal form (lowercase, no trailing dot, ASCII). */
  hostnames: string[];
  /**
   * The owner this group's ID is made from, when it is not the club's: a claim already
   * published under another owner keeps its ID, so the group stored with it stays valid.
   */
  owner?: string;
}

/** The club's claims on its own names, computed into TXT records at deploy time. */
export interface ClubSettings {
  /** The owner string the group IDs are made from (a URL, e.g. `https://zq.suns.bz`). */
  owner: string;
  claims: ClubClaim[];
}

/** Existing resources a stage takes over instead of creating them (Pulumi `import`). */
export interface AdoptedResources {
  /** The existing DomainRecord table's name. */
  table?: string;
  /** The existing site bucket's name. */
  bucket?: string;
}

/** The deploy settings of a stage: pinned in code (production) or read from the environment. */
export interface DeployEnvironment {
  /** `SYMVAL_DOMAIN`: the site's main name on Route 53 (e.g. `zq.suns.bz`); unset: CloudFront's. */
  domain?: string;
  /** `SYMVAL_DOMAIN_ALIASES`: more names the site is served on, on the same certificate. */
  aliases?: string[];
  /** `SYMVAL_ZONE`: the Route 53 zone holding the names (looked up, never created). */
  zone?: string;
  /** `SYMVAL_ALARM_EMAIL`: where alarms are mailed (confirm the subscription mail once). */
  alarmEmail?: string;
  /** `SYMVAL_CLUB_OWNER` and `SYMVAL_CLUB_CLAIMS`: the club's own `_suns` claims. */
  club?: ClubSettings;
  /** `SYMVAL_ADOPT_TABLE`, `SYMVAL_ADOPT_BUCKET`: existing resources to take over. */
  adopt?: AdoptedResources;
  /**
   * Whether the stage's DNS records replace records of the same name and type already in the
   * zone (Route 53 UPSERT), as when taking over the names another deployment served. Pinned
   * for production only.
   */
  takeOverDns?: boolean;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TYPE_CODE = /^[a-h]$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const BUCKET_NAME = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The deploy variables, by setting. */
export const DEPLOY_VARIABLES = {
  domain: 'SYMVAL_DOMAIN',
  aliases: 'SYMVAL_DOMAIN_ALIASES',
  zone: 'SYMVAL_ZONE',
  alarmEmail: 'SYMVAL_ALARM_EMAIL',
  club: 'SYMVAL_CLUB_OWNER and SYMVAL_CLUB_CLAIMS',
  adopt: 'SYMVAL_ADOPT_TABLE and SYMVAL_ADOPT_BUCKET',
  takeOverDns: '(pinned in code only)',
} as const satisfies Record<keyof DeployEnvironment, string>;

const invalid = (message: string) => new InfraError('env.invalid', message);
const show = JSON.stringify;

function readHostname(variable: string, value: string, example: string): string {
  if (!HOSTNAME.test(value)) {
    throw invalid(
      `${variable} ${show(value)} is not a lowercase DNS name like ${show(example)}; unset it to use the CloudFront domain`,
    );
  }
  return value;
}

/** The items of a list variable: separated by commas and/or whitespace. */
const listOf = (value: string) => value.split(/[\s,]+/).filter((item) => item !== '');

function readClaims(owner: string | undefined, text: string | undefined): ClubSettings | undefined {
  if (!owner && !text) return undefined;
  if (!owner || !text) {
    throw invalid(
      `SYMVAL_CLUB_OWNER and SYMVAL_CLUB_CLAIMS go together: ${owner ? 'SYMVAL_CLUB_CLAIMS' : 'SYMVAL_CLUB_OWNER'} is unset`,
    );
  }
  return { owner, claims: listOf(text).map(readClaim) };
}

/** One claim of `SYMVAL_CLUB_CLAIMS`: `<type>:<host>[+<host>]`, e.g. `b:zq.suns.example`. */
function readClaim(item: string): ClubClaim {
  const [type = '', hosts = '', ...rest] = item.split(':');
  if (!TYPE_CODE.test(type) || hosts === '' || rest.length > 0) {
    throw invalid(
      `SYMVAL_CLUB_CLAIMS item ${show(item)} is not <type>:<host>[+<host>] with a type code a-h, like "b:zq.suns.example" or "e:me.example.com+com.example.me"`,
    );
  }
  return { type, hostnames: hosts.split('+') };
}

/**
 * Reads the deploy settings from `env`; empty values count as unset. Every name is checked
 * (lowercase DNS names), but not yet against each other: {@link checkDeploySettings}.
 *
 * @example
 * readDeployEnvironment({ SYMVAL_DOMAIN: 'suns.example' }); // { domain: 'suns.example' }
 */
export function readDeployEnvironment(env: Record<string, string | undefined>): DeployEnvironment {
  const get = (name: string) => env[name]?.trim() || undefined;
  const result: DeployEnvironment = {};
  const domain = get('SYMVAL_DOMAIN');
  if (domain) result.domain = readHostname('SYMVAL_DOMAIN', domain, 'suns.example');
  const aliases = get('SYMVAL_DOMAIN_ALIASES');
  if (aliases) {
    result.aliases = listOf(aliases).map((alias) =>
      readHostname('SYMVAL_DOMAIN_ALIASES item', alias, 'zb.snus.suns.example'),
    );
  }
  const zone = get('SYMVAL_ZONE');
  if (zone) result.zone = readHostname('SYMVAL_ZONE', zone, 'suns.example');
  const alarmEmail = get('SYMVAL_ALARM_EMAIL');
  if (alarmEmail) {
    if (!EMAIL.test(alarmEmail)) {
      throw invalid(
        `SYMVAL_ALARM_EMAIL ${show(alarmEmail)} is not an email address like "ops@suns.example"; unset it to send alarms to the SNS topic only`,
      );
    }
    result.alarmEmail = alarmEmail;
  }
  const club = readClaims(get('SYMVAL_CLUB_OWNER'), get('SYMVAL_CLUB_CLAIMS'));
  if (club) result.club = club;
  const table = get('SYMVAL_ADOPT_TABLE');
  const bucket = get('SYMVAL_ADOPT_BUCKET');
  if (table && !TABLE_NAME.test(table)) {
    throw invalid(`SYMVAL_ADOPT_TABLE ${show(table)} is not a DynamoDB table name`);
  }
  if (bucket && !BUCKET_NAME.test(bucket)) {
    throw invalid(`SYMVAL_ADOPT_BUCKET ${show(bucket)} is not an S3 bucket name`);
  }
  if (table || bucket)
    result.adopt = { ...(table ? { table } : {}), ...(bucket ? { bucket } : {}) };
  return result;
}

const within = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/**
 * Checks the settings against each other: the aliases differ from the main name and from each
 * other, every name (and every claimed hostname) is in the zone, the club's claims have a
 * zone to be written to and hostnames in normal form, and its owner is a URL.
 */
export function checkDeploySettings(settings: DeployEnvironment): DeployEnvironment {
  const names = [...(settings.domain ? [settings.domain] : []), ...(settings.aliases ?? [])];
  if (settings.aliases?.length && !settings.domain) {
    throw invalid(
      'SYMVAL_DOMAIN_ALIASES needs SYMVAL_DOMAIN: aliases are served beside the main name',
    );
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) {
    throw invalid(`${show(repeated)} is named twice in SYMVAL_DOMAIN and SYMVAL_DOMAIN_ALIASES`);
  }
  const { zone, club } = settings;
  if (club) {
    if (!zone) {
      throw invalid(
        'SYMVAL_CLUB_CLAIMS needs SYMVAL_ZONE, the Route 53 zone the TXT records go in',
      );
    }
    try {
      const url = new URL(club.owner);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw invalid(
        `SYMVAL_CLUB_OWNER ${show(club.owner)} is not an http(s) URL like "https://zq.suns.example"`,
      );
    }
    for (const claim of club.claims) {
      for (const hostname of claim.hostnames) {
        const normal = normalizeHostname(hostname);
        if (!normal.ok || normal.hostname !== hostname) {
          throw invalid(
            `SYMVAL_CLUB_CLAIMS hostname ${show(hostname)} is not in normal form${normal.ok ? ` (use ${show(normal.hostname)})` : `: ${normal.message}`}`,
          );
        }
      }
    }
  }
  if (zone) {
    const claimed = club?.claims.flatMap((claim) => claim.hostnames) ?? [];
    const outside = [...names, ...claimed].find((name) => !within(name, zone));
    if (outside) {
      throw invalid(`${show(outside)} is not in the zone SYMVAL_ZONE=${show(zone)}`);
    }
  }
  return settings;
}

/**
 * The settings a stage cannot be deployed without. Production: without `SYMVAL_ALARM_EMAIL`
 * a deploy would delete the alarm mail's subscription (its domain, aliases, zone and club
 * claims are pinned in code, {@link PINNED_DEPLOY_SETTINGS}).
 */
export const REQUIRED_DEPLOY_SETTINGS: Readonly<Record<string, (keyof DeployEnvironment)[]>> = {
  [PRODUCTION_STAGE]: ['domain', 'alarmEmail'],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The deploy settings of `stage`: those pinned in code for it, and the rest from `env`.
 * Refuses a variable that contradicts a pinned value (`env.conflict`: the deploy would not do
 * what whoever set it expects) and a stage that lacks a {@link REQUIRED_DEPLOY_SETTINGS}
 * entry (`env.missing`), before anything is created.
 *
 * @example
 * readStageDeployEnvironment('dev', {}); // {}
 * readStageDeployEnvironment('production', {}); // throws InfraError 'env.missing'
 */
export function readStageDeployEnvironment(
  stage: string,
  env: Record<string, string | undefined>,
  pinnedSettings: Readonly<Record<string, PinnedDeploySettings>> = PINNED_DEPLOY_SETTINGS,
): DeployEnvironment {
  const fromEnv = readDeployEnvironment(env);
  const pinned = pinnedSettings[stage] ?? {};
  for (const key of Object.keys(pinned) as (keyof PinnedDeploySettings)[]) {
    if (fromEnv[key] !== undefined && !same(fromEnv[key], pinned[key])) {
      throw new InfraError(
        'env.conflict',
        `${DEPLOY_VARIABLES[key]} is pinned for ${stage} (${show(pinned[key])} in infra/src/stage/pinned.ts) and the environment says ${show(fromEnv[key])}: unset it, or change the pinned value in a reviewed commit`,
      );
    }
  }
  const settings = checkDeploySettings({ ...fromEnv, ...pinned });
  const missing = (REQUIRED_DEPLOY_SETTINGS[stage] ?? []).filter((key) => !settings[key]);
  if (missing.length > 0) {
    const names = missing.map((key) => DEPLOY_VARIABLES[key]).join(' and ');
    const one = missing.length === 1;
    throw new InfraError(
      'env.missing',
      `a ${stage} deploy needs ${names} (${one ? 'it is' : 'they are'} unset or blank): without ${one ? 'it' : 'them'} the deploy would remove the site's domain or the alarm mail; set ${one ? 'it' : 'them'} in the deploy's environment (the deploy workflow sets ${one ? 'it' : 'them'} for ${stage})`,
    );
  }
  return settings;
}
