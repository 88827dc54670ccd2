/**
 * `SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES`: up to 4 MiB `records/domains.json` is published with
 * every batch; above it, at most once per {@link WHOLE_FILE_INTERVAL_SECONDS}.
 */
export const WHOLE_FILE_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * `SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS`: the least time between two publishes of a large whole
 * file. The flush schedule (src/stream/flush.ts) runs at the same rate, so a last change is
 * published within two intervals even when no batch follows it.
 */
export const WHOLE_FILE_INTERVAL_SECONDS = 300;

/** The snapshot settings infra pins for the streamer, as its environment (strings). */
export function wholeFileEnvironment(): {
  SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: string;
  SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS: string;
} {
  return {
    SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: String(WHOLE_FILE_THRESHOLD_BYTES),
    SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS: String(WHOLE_FILE_INTERVAL_SECONDS),
  };
}
