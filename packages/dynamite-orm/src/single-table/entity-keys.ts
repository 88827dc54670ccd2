// How an entity's items become stored items of the shared table and back: derived key
// attributes, the entity type attribute, key conditions on composite keys, and updates of
// fields a key is built from. Pure: no client.
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import {
  composeKey,
  composePrefix,
  escapeKeyText,
  fieldKeyText,
  hasKeyFields,
  KEY_SEPARATOR,
  type KeyTemplate,
  parseKey,
} from '../model/key-template.js';
import { toDynamiteError } from '../schema/issue.js';

/** One stored key attribute an entity fills: its hidden field, and the template it is built by. */
export interface DerivedKey {
  /** The stored attribute name (`pk`, `gsi1sk`, ...). */
  readonly attribute: string;
  /** The field that holds it in the entity's stored schema (never shown to callers). */
  readonly field: string;
  readonly template: KeyTemplate;
}

/** The keys of the table or of one index, as an entity builds them. */
export interface DerivedIndex {
  /** `undefined` for the table's own key. */
  readonly name: string | undefined;
  readonly partitionKey: DerivedKey;
  readonly sortKey: DerivedKey | undefined;
  /** Keys only (plus the entity type): reads rebuild the key fields from the keys. */
  readonly keysOnly: boolean;
}

/** An entity's compiled key plan. */
export interface EntityKeys {
  readonly entity: string;
  /** The hidden field holding the entity type. */
  readonly typeField: string;
  readonly primary: DerivedIndex;
  readonly indexes: ReadonlyMap<string, DerivedIndex>;
  /** Every hidden field, stripped from items before they are returned. */
  readonly hidden: readonly string[];
}

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

function keysOf(index: DerivedIndex): DerivedKey[] {
  return index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey];
}

function indexFields(index: DerivedIndex): string[] {
  return keysOf(index).flatMap((k) => k.template.fields);
}

// The keys each index adds to the table's (a local index only its sort key), per entity:
// worked out once rather than on every write.
const indexKeyLists = new WeakMap<EntityKeys, readonly (readonly DerivedKey[])[]>();

function indexKeysOf(keys: EntityKeys): readonly (readonly DerivedKey[])[] {
  let lists = indexKeyLists.get(keys);
  if (!lists) {
    lists = [...keys.indexes.values()].map((index) =>
      index.partitionKey === keys.primary.partitionKey ? [index.sortKey!] : keysOf(index),
    );
    indexKeyLists.set(keys, lists);
  }
  return lists;
}

/**
 * The hidden attributes of an item: the entity type, the table's keys, and each index's keys
 * when every field they read is present (else the item is left out of that index, both keys
 * absent, so it never sits in an index under half a key).
 */
export function deriveAttributes(
  keys: EntityKeys,
  item: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { [keys.typeField]: keys.entity };
  try {
    const { partitionKey, sortKey } = keys.primary;
    out[partitionKey.field] = composeKey(partitionKey.template, item);
    if (sortKey) out[sortKey.field] = composeKey(sortKey.template, item);
    for (const own of indexKeysOf(keys)) {
      let complete = true;
      for (const k of own) if (!hasKeyFields(k.template, item)) complete = false;
      if (!complete) continue;
      for (const key of own) out[key.field] = composeKey(key.template, item);
    }
  } catch (error) {
    return toDynamiteError(error, `invalid item for entity ${keys.entity}`);
  }
  return out;
}

/** The stored primary key (by hidden field) of an entity key given by its fields. */
export function physicalKey(keys: EntityKeys, key: unknown): Record<string, string> {
  if (typeof key !== 'object' || key === null) {
    invalid(
      `entity ${keys.entity}: a key is an object of ${indexFields(keys.primary).join(', ')}, got ${describeValue(key)}`,
    );
  }
  const record = key as Record<string, unknown>;
  const allowed = indexFields(keys.primary);
  for (const name of Object.keys(record)) {
    if (!allowed.includes(name) && record[name] !== undefined) {
      invalid(
        `entity ${keys.entity}: ${name} is not a key field; its key is built from ${allowed.join(', ')}`,
      );
    }
  }
  const out: Record<string, string> = {};
  try {
    for (const k of keysOf(keys.primary)) out[k.field] = composeKey(k.template, record);
  } catch (error) {
    return toDynamiteError(error, `invalid key for entity ${keys.entity}`);
  }
  return out;
}

/**
 * Removes the hidden attributes from a decoded item and fills in key fields it lacks (a
 * keys-only index) by parsing them back from the keys.
 */
export function toEntityItem(
  keys: EntityKeys,
  stored: Record<string, unknown>,
  index?: DerivedIndex,
): Record<string, unknown> {
  if (!index?.keysOnly) {
    // A new object without the hidden fields: \`delete\` would turn the item into a slow
    // dictionary-mode object for every later read of it.
    const out: Record<string, unknown> = {};
    for (const name in stored) if (!keys.hidden.includes(name)) out[name] = stored[name];
    return out;
  }
  const out: Record<string, unknown> = { ...stored };
  if (index?.keysOnly) {
    for (const derived of [...keysOf(keys.primary), ...keysOf(index)]) {
      const text = stored[derived.field];
      if (typeof text !== 'string') continue;
      try {
        for (const [name, value] of Object.entries(parseKey(derived.template, text))) {
          if (out[name] === undefined) out[name] = value;
        }
      } catch (error) {
        toDynamiteError(
          error,
          `stored key ${derived.attribute} of entity ${keys.entity} does not match ${derived.template.template}`,
        );
      }
    }
  }
  for (const field of keys.hidden) delete out[field];
  return out;
}

// ---- key conditions ------------------------------------------------------------------------

const OPERATORS = ['eq', 'lt', 'le', 'gt', 'ge', 'between', 'beginsWith'] as const;
// The largest code point: an upper bound for every key that starts with a prefix.
const TOP = '\u{10FFFF}';
// The character after the separator: `X#` < `X$`, so `prefix + v + '$'` bounds every key
// whose field is exactly v and has more segments after it.
const AFTER_SEPARATOR = String.fromCharCode(KEY_SEPARATOR.charCodeAt(0) + 1);

function isConditionObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

/**
 * A sort key condition on a composite key, as a condition on the stored text: the fields given
 * from the left fix a prefix, the last may carry an operator. Bounds keep the range inside the
 * prefix, so `{ date: { lt: d } }` under a fixed customer never reaches another customer's keys.
 */
function sortCondition(
  keys: EntityKeys,
  derived: DerivedKey,
  record: Record<string, unknown>,
  where: string,
): unknown {
  const { template } = derived;
  const fields = template.fields;
  let conditionField: string | undefined;
  const plain: Record<string, unknown> = { ...record };
  for (const name of fields) {
    const value = record[name];
    if (conditionField !== undefined && value !== undefined) {
      invalid(
        `query on ${where}: ${name} is given after ${conditionField}, which has a condition; only the last field given (from the left of ${template.template}) may have one`,
      );
    }
    if (isConditionObject(value)) {
      conditionField = name;
      delete plain[name];
    }
  }
  const { text: prefix, stoppedAt, complete } = composePrefixSafe(template, plain, keys.entity);
  // Fields after the first missing one would be ignored: refuse rather than read too much.
  if (stoppedAt) {
    const after = template.fields.slice(template.fields.indexOf(stoppedAt.field) + 1);
    const extra = after.find((f) => f !== conditionField && plain[f] !== undefined);
    if (extra) {
      invalid(
        `query on ${where}: ${extra} is given but ${stoppedAt.field} is not; give the fields of ${template.template} from the left`,
      );
    }
  }
  if (conditionField === undefined) return complete ? prefix : { beginsWith: prefix };
  if (stoppedAt?.field !== conditionField) {
    invalid(
      `query on ${where}: give the fields of ${template.template} from the left, ${stoppedAt?.field} first`,
    );
  }
  const segment = stoppedAt;
  const last = template.fields[template.fields.length - 1] === conditionField;
  const condition = record[conditionField] as Record<string, unknown>;
  const ops = Object.keys(condition);
  if (ops.length !== 1 || !(OPERATORS as readonly string[]).includes(ops[0]!)) {
    invalid(
      `query on ${where}: ${conditionField} takes one of ${OPERATORS.join(', ')}; got ${ops.join(', ') || 'none'}`,
    );
  }
  const op = ops[0]!;
  const operand = condition[op];
  const text = (v: unknown) => {
    try {
      return prefix + fieldKeyText(segment, v);
    } catch (error) {
      return toDynamiteError(error, `invalid query key for entity ${keys.entity}`);
    }
  };
  // With more segments after this field, a key holding exactly v continues with `#...`.
  const upTo = (v: unknown) => text(v) + (last ? '' : AFTER_SEPARATOR);
  const from = (low: string) => (prefix ? { between: [low, prefix + TOP] } : { ge: low });
  const to = (high: string) => (prefix ? { between: [prefix, high] } : { le: high });
  switch (op) {
    case 'eq':
      return last ? text(operand) : { beginsWith: `${text(operand)}${KEY_SEPARATOR}` };
    case 'beginsWith':
      if (typeof operand !== 'string' || segment.type !== 'S') {
        invalid(
          `query on ${where}: beginsWith takes a string prefix of a string field (${conditionField})`,
        );
      }
      return { beginsWith: prefix + escapeKeyText(operand) };
    case 'ge':
      return from(text(operand));
    case 'gt':
      return from(last ? `${text(operand)}\u0000` : upTo(operand));
    case 'le':
      return to(upTo(operand));
    case 'lt':
      // Keys with more segments after v are above text(v); with none, text(v) itself is the
      // one key to leave out, so the bound is the text just below it.
      return to(last ? below(text(operand)) : text(operand));
    default: {
      if (!Array.isArray(operand) || operand.length !== 2)
        invalid(`query on ${where}: between takes [low, high]`);
      return { between: [text(operand[0]), upTo(operand[1])] };
    }
  }
}

/** The greatest text below `text` that a key can hold (up to keys holding U+10FFFF). */
function below(text: string): string {
  const points = [...text];
  const last = points.pop()!.codePointAt(0)!;
  if (last === 0) return points.join('');
  let previous = last - 1;
  if (previous >= 0xd800 && previous <= 0xdfff) previous = 0xd7ff;
  return points.join('') + String.fromCodePoint(previous) + TOP;
}

function composePrefixSafe(template: KeyTemplate, given: Record<string, unknown>, entity: string) {
  try {
    return composePrefix(template, given);
  } catch (error) {
    return toDynamiteError(error, `invalid query key for entity ${entity}`);
  }
}

/** The keys of the table or of one of the entity's indexes. */
export function derivedIndex(keys: EntityKeys, index: string | undefined): DerivedIndex {
  if (index === undefined) return keys.primary;
  const found = keys.indexes.get(index);
  if (!found) {
    invalid(
      `entity ${keys.entity} is not in index ${index}; its indexes are ${[...keys.indexes.keys()].join(', ') || 'none'}`,
    );
  }
  return found;
}

/**
 * Translates an entity query key (fields) into the stored key condition of the shared table
 * (hidden fields).
 */
export function physicalQueryKey(
  keys: EntityKeys,
  index: DerivedIndex,
  key: unknown,
): Record<string, unknown> {
  const where = index.name
    ? `index ${index.name} of entity ${keys.entity}`
    : `entity ${keys.entity}`;
  if (typeof key !== 'object' || key === null) invalid(`query on ${where}: key must be an object`);
  const record = key as Record<string, unknown>;
  const allowed = indexFields(index);
  for (const name of Object.keys(record)) {
    if (!allowed.includes(name)) {
      invalid(
        `query on ${where}: ${name} is not a key field; its keys are built from ${allowed.join(', ')}`,
      );
    }
  }
  const pk = index.partitionKey;
  const missing = pk.template.fields.filter(
    (f) => record[f] === undefined || isConditionObject(record[f]),
  );
  if (missing.length)
    invalid(
      `query on ${where}: the partition key ${pk.template.template} needs ${missing.join(', ')}`,
    );
  let pkText: string;
  try {
    pkText = composeKey(pk.template, record);
  } catch (error) {
    return toDynamiteError(error, `invalid query key for entity ${keys.entity}`);
  }
  const out: Record<string, unknown> = { [pk.field]: pkText };
  if (!index.sortKey) return out;
  const condition = sortCondition(keys, index.sortKey, record, where);
  // A template starting with a field, none given: the whole partition (DynamoDB refuses an
  // empty prefix).
  const everything =
    typeof condition === 'object' && (condition as { beginsWith?: string }).beginsWith === '';
  if (!everything) out[index.sortKey.field] = condition;
  return out;
}

// ---- updates -------------------------------------------------------------------------------

const ACTIONS = [
  'set',
  'setIfNotExists',
  'remove',
  'increment',
  'add',
  'delete',
  'append',
  'prepend',
] as const;

function topField(path: string): string {
  const match = /^[^.[]+/.exec(path);
  return match ? match[0] : path;
}

/**
 * The actions an update sends: the caller's, plus the index keys its changes move. A change
 * to a field the table's key is built from is refused (the item would move: delete and put);
 * a change to a field an index key reads rewrites that index's keys when the update sets every
 * field they read, removes them when it removes one, and is refused otherwise.
 */
export function entityUpdateActions(
  keys: EntityKeys,
  key: Record<string, unknown>,
  actions: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof actions !== 'object' || actions === null) invalid(`update needs an actions object`);
  const touched = new Map<string, string>();
  for (const action of ACTIONS) {
    const value = actions[action];
    if (value === undefined) continue;
    const paths =
      action === 'remove' ? (Array.isArray(value) ? value : []) : Object.keys(value as object);
    for (const path of paths as string[]) touched.set(topField(path), action);
  }
  for (const field of indexFields(keys.primary)) {
    if (touched.has(field)) {
      invalid(
        `update of entity ${keys.entity}: ${field} is part of its key (${keysOf(keys.primary)
          .map((k) => k.template.template)
          .join(
            ', ',
          )}); an item with another ${field} is another item: delete it and put the new one`,
      );
    }
  }
  const set = { ...((actions.set as Record<string, unknown> | undefined) ?? {}) };
  const remove = [...((actions.remove as string[] | undefined) ?? [])];
  const known = { ...key, ...set };
  for (const index of keys.indexes.values()) {
    const own = index.partitionKey === keys.primary.partitionKey ? [index.sortKey!] : keysOf(index);
    const reads = own.flatMap((k) => k.template.fields);
    const changed = reads.filter((f) => touched.has(f));
    if (changed.length === 0) continue;
    const removed = changed.filter(
      (f) => touched.get(f) === 'remove' || (touched.get(f) === 'set' && set[f] === undefined),
    );
    if (removed.length) {
      for (const k of own) remove.push(k.field);
      continue;
    }
    const notSet = changed.filter((f) => touched.get(f) !== 'set');
    const missing = reads.filter((f) => known[f] === undefined);
    if (notSet.length || missing.length) {
      invalid(
        `update of entity ${keys.entity}: ${changed.join(', ')} ${changed.length > 1 ? 'are' : 'is'} read by index ${index.name}'s key (${own.map((k) => k.template.template).join(', ')}), which the update must rewrite: ${
          notSet.length
            ? `change ${notSet.join(', ')} with set (not ${notSet.map((f) => touched.get(f)).join(', ')})`
            : `set ${missing.join(', ')} too, to the values stored`
        }`,
      );
    }
    try {
      for (const k of own) set[k.field] = composeKey(k.template, known);
    } catch (error) {
      return toDynamiteError(error, `invalid update of entity ${keys.entity}`);
    }
  }
  set[keys.typeField] = keys.entity;
  return { ...actions, set, ...(remove.length ? { remove } : {}) };
}
