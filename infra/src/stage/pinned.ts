import type { DeployEnvironment } from './deploy-types.js';
import { PRODUCTION_STAGE } from './settings.js';

/** The deploy settings a stage has in code: a deploy from any shell gets the same. */
export type PinnedDeploySettings = Omit<DeployEnvironment, 'alarmEmail'>;

/**
 * The club as the existing one runs it: the site on `zq.suns.bz`, also served on the apex
 * `suns.bz` (which the Router redirects to the main name) and on `zb.snus.suns.bz`, all under
 * the zone `suns.bz`, on one certificate.
 *
 * The club's claims on its own names are the two the existing club publishes, so their TXT
 * values stay byte for byte what they are (`v1:b:Adg2…` at `_suns.zq.suns.bz`, `v1:a:1TcH…`
 * at `_suns.zb.snus.suns.bz`) and the groups stored with them stay valid through the
 * takeover. The palindrome was published under the owner page's own URL, so that claim
 * keeps that owner.
 *
 * `takeOverDns`: the existing club's records for these names (aliases, certificate
 * validation, `_suns` TXT) are in the zone already; the first deploy replaces them in place
 * (see infra/README.md, "Taking over the existing club").
 *
 * `cors`: any origin may call the API from a browser, as the API's own default has it: the
 * club's API takes no credentials, and pages other than the club's call it.
 *
 * `adopt`: empty until the operator takes over the existing table and bucket; they are
 * named here, in a reviewed commit, never in a shell (README, "Adopting the existing table
 * and bucket"), since every later deploy must keep naming them.
 */
export const PRODUCTION_DEPLOY: PinnedDeploySettings = {
  domain: 'zq.suns.bz',
  aliases: ['suns.bz', 'zb.snus.suns.bz'],
  zone: 'suns.bz',
  club: {
    owner: 'https://zq.suns.bz',
    claims: [
      { type: 'b', hostnames: ['zq.suns.bz'] },
      { type: 'a', hostnames: ['zb.snus.suns.bz'], owner: 'https://zq.suns.bz//:sdʇʇɥ' },
    ],
  },
  takeOverDns: true,
  cors: ['*'],
  adopt: {},
};

/** The settings pinned per stage; a stage not listed takes everything from the environment. */
export const PINNED_DEPLOY_SETTINGS: Readonly<Record<string, PinnedDeploySettings>> = {
  [PRODUCTION_STAGE]: PRODUCTION_DEPLOY,
};
