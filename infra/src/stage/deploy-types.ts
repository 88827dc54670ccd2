// The shapes of the deploy settings, apart from their reading (deploy-env.ts), so that the
// pinned values (pinned.ts) and the reader can both use them without importing each other.

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
   * `SYMVAL_CORS_ORIGINS`: the origins browsers may call the API from, the API's
   * `SITE_ORIGIN`: `*` (any: no route takes credentials), or origins and the word `site` (the
   * stage's own names). Unset: `*`.
   */
  cors?: string[];
  /**
   * Whether the stage's DNS records replace records of the same name and type already in the
   * zone (Route 53 UPSERT), as when taking over the names another deployment served. Pinned
   * for production only.
   */
  takeOverDns?: boolean;
}
