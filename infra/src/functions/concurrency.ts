/**
 * Reserved concurrency, by function. One each: the streamer is the only writer of the
 * snapshot (two invocations could race on it), and a reattestbatch run started by hand
 * cannot overlap the scheduled one. Reserving takes from the account's unreserved
 * concurrency, which the preflight checks.
 */
export const RESERVED_CONCURRENCY = { streamer: 1, reattestbatch: 1 } as const;
