import { type ShardedBuilder, SnapshotBuilderError } from '@symval/snapshot-builder';
import type { Context } from 'aws-lambda';
import {
  createStreamerBuilder,
  type StreamerLogger,
  type StreamHandlerDependencies,
} from './stream-handler.js';

/** The `source` of the flush schedule's event (infra's `SnapshotFlush` schedule sends it). */
export const FLUSH_EVENT_SOURCE = 'symval.snapshot-flush';

/**
 * What the flush schedule sends: EventBridge Scheduler's JSON input, with the run's ID and the
 * time it was due filled in, so the log line of a flush names it.
 */
export interface FlushEvent {
  readonly source: typeof FLUSH_EVENT_SOURCE;
  readonly executionId?: string;
  readonly scheduledTime?: string;
}

/** What a flush did. */
export interface FlushResult {
  /** Whether `records/domains.json` was published by this flush. */
  readonly published: boolean;
  /** Tries it took (another writer saving the state in between costs one more). */
  readonly attempts: number;
}

/** The handler of the flush schedule. */
export type FlushHandler = (event: FlushEvent, context?: Context) => Promise<FlushResult>;

/** Whether a Lambda event is the flush schedule's (and not a stream batch). */
export function isFlushEvent(event: unknown): event is FlushEvent {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as { source?: unknown }).source === FLUSH_EVENT_SOURCE
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Makes the handler of the scheduled flush. Above `SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES` a batch
 * publishes the whole file at most once per interval, so the last change before the stream
 * goes quiet would wait for a batch that may never come: the schedule calls this, which
 * publishes it when records changed since the last publish and the interval has passed, and
 * does nothing (writes nothing) otherwise, so it may run as often as wanted. It is the
 * builder's `flush`: the same staged upload and copy as a batch's publish, committed by the
 * conditional save of the builder's root; when another writer saved the root in between, it
 * tries again on the new state (up to `conflictAttempts`). Any other failure is logged and
 * thrown (the function's error alarm), and the next scheduled flush tries again.
 *
 * @example
 * const builder = createStreamerBuilder(deps);
 * const flush = createFlushHandler(deps, builder);
 * await flush({ source: 'symval.snapshot-flush' }); // { published: true, attempts: 1 }
 */
export function createFlushHandler(
  deps: StreamHandlerDependencies,
  builder: ShardedBuilder = createStreamerBuilder(deps),
): FlushHandler {
  const logger: StreamerLogger = deps.logger;
  const limit = deps.conflictAttempts ?? 3;
  return async (event, context) => {
    if (context) logger.addContext?.(context);
    const run = {
      executionId: text(event?.executionId),
      scheduledTime: text(event?.scheduledTime),
    };
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const published = await builder.flush();
        logger.info('whole file flush', {
          ...run,
          published,
          attempts: attempt,
          durationMs: Date.now() - started,
        });
        return { published, attempts: attempt };
      } catch (error) {
        const conflict = error instanceof SnapshotBuilderError && error.code === 'publish.conflict';
        if (conflict && attempt < limit) {
          logger.warn('another writer saved the builder state; flushing again', {
            ...run,
            attempt,
          });
          continue;
        }
        logger.error('whole file flush failed', {
          ...run,
          attempts: attempt,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          durationMs: Date.now() - started,
        });
        throw error;
      }
    }
  };
}
