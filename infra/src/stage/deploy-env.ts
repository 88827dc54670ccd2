import { normalizeHostname } from '@symval/groupid';
import { InfraError } from '../errors/infra-error.js';
import type { ClubClaim, ClubSettings, DeployEnvironment } from './deploy-types.js';
import { PINNED_DEPLOY_SETTINGS, type PinnedDeploySettings } from './pinned.js';

export type {
  AdoptedResources,
  ClubClaim,
  ClubSettings,
  DeployEnvironment,
} from './deploy-types.js';

import { PRODUCTION_STAGE } from './settings.js';

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TYPE_CODE = /^[a-h]$/;
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const BUCKET_NAME = /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A browser origin as browsers send it: scheme, lowercase host, optional port, no path. */
const ORIGIN = /^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

/** The `SYMVAL_CORS_ORIGINS` word for the stage's own names (`https://` and each of them). */
export const CORS_SITE = 'site';
/** The `SYMVAL_CORS_ORIGINS` value that lets any origin call the API. */
export const CORS_ANY = '*';

/** The deploy variables, by setting. */
export const DEPLOY_VARIABLES = {
  domain: 'SYMVAL_DOMAIN',
  aliases: 'SYMVAL_DOMAIN_ALIASES',
  zone: 'SYMVAL_ZONE',
  alarmEmail: 'SYMVAL_ALARM_EMAIL',
  club: 'SYMVAL_CLUB_OWNER and SYMVAL_CLUB_CLAIMS',
  adopt: 'SYMVAL_ADOPT_TABLE and SYMVAL_ADOPT_BUCKET',
  cors: 'SYMVAL_CORS_ORIGINS',
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
  const cors = get('SYMVAL_CORS_ORIGINS');
  if (cors) result.cors = readCors(listOf(cors));
  return result;
}

function readCors(items: string[]): string[] {
  const bad = items.find((item) => item !== CORS_ANY && item !== CORS_SITE && !ORIGIN.test(item));
  if (bad !== undefined) {
    throw invalid(
      `SYMVAL_CORS_ORIGINS item ${show(bad)} is not "*", "site" or an origin like "https://zq.suns.example" (scheme and lowercase host, no path)`,
    );
  }
  if (items.includes(CORS_ANY) && items.length > 1) {
    throw invalid('SYMVAL_CORS_ORIGINS "*" already allows every origin: give it alone');
  }
  return items;
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
  if (settings.cors?.includes(CORS_SITE) && !settings.domain) {
    throw invalid(
      'SYMVAL_CORS_ORIGINS "site" needs SYMVAL_DOMAIN: without it the site is on a CloudFront domain known only after the deploy',
    );
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
