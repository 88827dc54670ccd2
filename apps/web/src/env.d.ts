/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the snapshot is, relative to the site root or absolute. */
  readonly VITE_SNAPSHOT_URL?: string;
  /** The API's base URL; `/api/v1/attest` is appended. Empty: the site's own origin. */
  readonly VITE_API_BASE?: string;
  /** The owner listed first on the members page. */
  readonly VITE_PRIORITY_OWNER?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
