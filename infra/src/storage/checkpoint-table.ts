import type { TableDefinition } from './table-definition.js';

/**
 * The erasure checkpoint table, where `symval erase-owner` (dynamite's eraser) keeps each
 * run's progress record and its plan in slices, so that a run stopped part-way resumes:
 * `pk` (the plan ID, a string) and `sk` (the part: 0 for the progress record, 1..n for the
 * slices, a number); TTL on `expiresAt` (epoch seconds), which dynamite sets on every item
 * so that the plan slices, which hold personal data, go even when a run is abandoned;
 * point-in-time recovery; on-demand billing. No stream (nothing reacts to its writes) and no
 * index (dynamite reads it by key only).
 *
 * The keys and TTL are dynamite's (`erasureCheckpoints` in `@symval/dynamite-orm`); a test
 * compares this definition with what dynamite's `toTerraform` exports from it.
 *
 * @example
 * erasureCheckpointTableDefinition().timeToLive; // { attributeName: 'expiresAt' }
 */
export function erasureCheckpointTableDefinition(): TableDefinition {
  return {
    hashKey: { name: 'pk', type: 'S' },
    rangeKey: { name: 'sk', type: 'N' },
    globalIndexes: [],
    billingMode: 'PAY_PER_REQUEST',
    timeToLive: { attributeName: 'expiresAt' },
    pointInTimeRecovery: { enabled: true },
  };
}
