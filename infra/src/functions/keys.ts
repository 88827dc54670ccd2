/** The public prefix of the site bucket: the snapshot, readable by anyone. */
export const RECORDS_PREFIX = 'records/';
/** The private prefix of the site bucket: the snapshot builder's state. */
export const STATE_PREFIX = 'state/';
/** `SNAPSHOT_KEY`: the public snapshot (docs/configuration.md). */
export const SNAPSHOT_KEY = `${RECORDS_PREFIX}domains.json`;
/** `SNAPSHOT_STATE_KEY`: the builder's private state (docs/configuration.md). */
export const SNAPSHOT_STATE_KEY = `${STATE_PREFIX}snapshot-state.json`;
/** The sharded layout's folder (packages/records/README.md): index, nodes, shards, owners. */
export const LAYOUT_FOLDER = `${RECORDS_PREFIX}v1/`;
/** `SNAPSHOT_LAYOUT_INDEX_KEY`: the sharded layout's index (docs/configuration.md). */
export const SNAPSHOT_LAYOUT_INDEX_KEY = `${LAYOUT_FOLDER}index.json`;
/** `SNAPSHOT_STATE_PREFIX`: the sharded builder's private state folder (docs/configuration.md). */
export const SNAPSHOT_STATE_PREFIX = `${STATE_PREFIX}v2/`;
