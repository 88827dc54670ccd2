import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { TableModel } from '../model/table-model.js';
import type { Expectation } from '../requests/write.js';

/** True for the SDK's ConditionalCheckFailedException (matched by name, across SDK copies). */
export function isConditionalCheckFailed(
  error: unknown,
): error is Error & { Item?: Record<string, AttributeValue> } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Decodes a current item returned with a failed condition; never hides the failure itself. */
export function decodeCurrent(
  model: TableModel,
  raw: Record<string, AttributeValue> | undefined,
): Record<string, unknown> | undefined {
  if (!raw || Object.keys(raw).length === 0) return undefined;
  return model.codec.decode(raw, true);
}

/** True when a failed condition is explained by the version attribute. */
export function isVersionConflict(
  model: TableModel,
  expectation: Expectation,
  current: Record<string, unknown> | undefined,
): boolean {
  if (expectation.kind !== 'version' || !model.version) return false;
  return current === undefined || current[model.version.name] !== expectation.version;
}

/**
 * The error for a failed condition: `version.conflict` when the stored version is not the
 * one expected (or the item is gone), `condition.failed` otherwise; both carry the current item.
 */
export function conditionFailure(
  model: TableModel,
  operation: string,
  expectation: Expectation,
  raw: Record<string, AttributeValue> | undefined,
  cause: unknown,
): DynamiteError {
  const item = decodeCurrent(model, raw);
  if (isVersionConflict(model, expectation, item)) {
    const expected = expectation.kind === 'version' ? expectation.version : undefined;
    const stored = item ? item[model.version!.name] : undefined;
    return new DynamiteError(
      'version.conflict',
      `${operation} on ${model.name}: expected ${model.version!.name} ${expected}, ${item ? `stored is ${String(stored)}` : 'the item no longer exists'}`,
      { cause, item, expected: String(expected), received: stored },
    );
  }
  const why =
    expectation.kind === 'absent' && item
      ? 'an item with this key already exists'
      : expectation.kind === 'present' && !item
        ? 'no item with this key exists'
        : 'the condition was not met';
  return new DynamiteError('condition.failed', `${operation} on ${model.name}: ${why}`, {
    cause,
    item,
  });
}
