// Tables that adopt data written before they had a version attribute (`allowMissingVersion`).
// Such an item is "never versioned": it reads with version 0, and a write that expects 0
// requires the attribute to be absent (or 0) and stores 1, as a create does.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { FieldCodec, ObjectCodec } from '../schema/codec.js';
import type { ResolvedPath, TableModel } from './table-model.js';

/** The version an item without the version attribute reads with. */
export const UNVERSIONED = 0;

const UNVERSIONED_VALUE: AttributeValue = Object.freeze({ N: String(UNVERSIONED) });

/**
 * The item codec of a table whose items may lack the version attribute: a whole item (not an
 * index projection, which may leave any attribute out) without it decodes as version 0. The
 * encoder is the schema's own: writes always store a version.
 */
export function readMissingVersionAsZero(codec: ObjectCodec, version: FieldCodec): ObjectCodec {
  const complete = (raw: Record<string, AttributeValue>, partial: boolean) =>
    partial || raw[version.savedAs] !== undefined
      ? raw
      : { ...raw, [version.savedAs]: UNVERSIONED_VALUE };
  return Object.freeze({
    ...codec,
    complete,
    decode(raw: Record<string, AttributeValue>, lenient: boolean, partial = false) {
      return codec.decode(complete(raw, partial), lenient, partial);
    },
  });
}

/** True when `resolved` is the version of a table whose items may lack it. */
export function isMissableVersion(model: TableModel, resolved: ResolvedPath): boolean {
  return (
    model.versionMayBeMissing &&
    model.version !== undefined &&
    resolved.saved.length === 1 &&
    resolved.path === model.version.name
  );
}

/** What a missing version is compared as (DynamoDB's own form). */
export function unversionedValue(): AttributeValue {
  return UNVERSIONED_VALUE;
}
