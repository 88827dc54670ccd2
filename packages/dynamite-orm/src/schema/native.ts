import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The plain JavaScript value of any AttributeValue, without a schema. Used only where the schema
 * does not apply: lenient reads of values that do not match, and unknown attributes in errors.
 */
export function toNative(av: AttributeValue): unknown {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return Number(av.N);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.B !== undefined) return av.B;
  if (av.SS !== undefined) return new Set(av.SS);
  if (av.NS !== undefined) return new Set(av.NS.map(Number));
  if (av.BS !== undefined) return new Set(av.BS);
  if (av.L !== undefined) return av.L.map(toNative);
  if (av.M !== undefined) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(av.M)) out[key] = toNative(av.M[key]!);
    return out;
  }
  return undefined;
}
