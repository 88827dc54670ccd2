/** The public prefix of the site bucket: the snapshot, readable by anyone. */
export const RECORDS_PREFIX = 'records/';
/** The private prefix of the site bucket: the snapshot builder's state. */
export const STATE_PREFIX = 'state/';
/** `SNAPSHOT_KEY`: the public snapshot (docs/configuration.md). */
export const SNAPSHOT_KEY = `${RECORDS_PREFIX}domains.json`;
/** `SNAPSHOT_STATE_KEY`: the builder's private state (docs/configuration.md). */
export const SNAPSHOT_STATE_KEY = `${STATE_PREFIX}snapshot-state.json`;
