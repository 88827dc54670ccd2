// Attributes dynamite writes itself: computed from other fields, or a timestamp. Pure
// functions over plain values, called by the codec (puts) and the update planner.
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Derivation, Fields } from './attribute.js';

export type { Derivation } from './attribute.js';

/** One derived attribute of an object schema. */
export interface DerivedField {
  readonly name: string;
  readonly derivation: Derivation;
}

const cache = new WeakMap<Fields, readonly DerivedField[]>();

/** The derived attributes among `fields` (top level only), in declaration order. */
export function derivedFieldsOf(fields: Fields): readonly DerivedField[] {
  let found = cache.get(fields);
  if (found) return found;
  const list: DerivedField[] = [];
  for (const name of Object.keys(fields)) {
    const derivation = fields[name]!.derivation;
    if (derivation) list.push(Object.freeze({ name, derivation }));
  }
  found = Object.freeze(list);
  cache.set(fields, found);
  return found;
}

function definitionError(message: string): never {
  throw new DynamiteError('definition.invalid', message);
}

/**
 * Checks derived attributes when an item is defined: only at the top level, timestamps are
 * dates, computed ones read existing, non-derived fields.
 */
export function checkDerivations(fields: Fields, prefix: string): void {
  for (const name of Object.keys(fields)) {
    const attribute = fields[name]!;
    const derivation = attribute.derivation;
    if (!derivation) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (prefix) {
      definitionError(
        `${path}: computed and timestamp attributes must be top-level fields of the item`,
      );
    }
    if (derivation.kind !== 'computed') {
      if (attribute.kind !== 'date') {
        definitionError(`${path}: .timestamp() needs a date attribute (attr.date())`);
      }
      continue;
    }
    if (derivation.from.length === 0) {
      definitionError(`${path}: .computed() needs the names of the fields it reads`);
    }
    for (const source of derivation.from) {
      const from = fields[source];
      if (!from) definitionError(`${path}: computed from ${source}, which is not a field`);
      if (from.derivation) {
        definitionError(
          `${path}: computed from ${source}, which is itself derived; compute from the fields it reads`,
        );
      }
    }
  }
}

function refuseGiven(name: string, value: unknown, what: string): never {
  throw new DynamiteError(
    'request.invalid',
    `${what}: ${name} is set by dynamite on every write, so it cannot be written (got ${describeValue(value)}); leave it out`,
  );
}

function compute(field: DerivedField, from: Record<string, unknown>): unknown {
  const derivation = field.derivation as Extract<Derivation, { kind: 'computed' }>;
  try {
    return derivation.value(from);
  } catch (error) {
    throw new DynamiteError(
      'request.invalid',
      `computed field ${field.name}: its function threw (${error instanceof Error ? error.message : describeValue(error)})`,
      { cause: error },
    );
  }
}

/**
 * The item a put stores: derived attributes filled in (`now` for both timestamps; a put writes
 * a whole new item). A derived attribute in the input is refused. Source fields left out with
 * a default get it here, so the computed value and the stored source agree.
 */
export function deriveOnPut(
  fields: Fields,
  derived: readonly DerivedField[],
  item: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item };
  for (const field of derived) {
    const given = item[field.name];
    if (given !== undefined) refuseGiven(field.name, given, 'put');
  }
  for (const field of derived) {
    const { derivation } = field;
    if (derivation.kind !== 'computed') {
      out[field.name] = now;
      continue;
    }
    const from: Record<string, unknown> = {};
    for (const source of derivation.from) {
      let value = out[source];
      const attribute = fields[source]!;
      if (value === undefined && attribute.hasDefault) {
        value = attribute.defaultValue();
        out[source] = value;
      }
      from[source] = value;
    }
    out[field.name] = compute(field, from);
  }
  return out;
}

const PATH_HEAD = /^[^.[]+/;

function touchedFields(actions: Record<string, unknown>): Set<string> {
  const touched = new Set<string>();
  for (const [action, value] of Object.entries(actions)) {
    if (value === undefined || value === null || typeof value !== 'object') continue;
    const paths = action === 'remove' && Array.isArray(value) ? value : Object.keys(value);
    for (const path of paths) {
      if (typeof path !== 'string') continue;
      const head = PATH_HEAD.exec(path)?.[0];
      if (head) touched.add(head);
    }
  }
  return touched;
}

/**
 * The actions an update sends: `updatedAt`-style timestamps set to `now`, `createdAt`-style
 * ones set only where absent (`if_not_exists`), and computed attributes recomputed when the
 * update changes a field they read. The stored item is never read, so such an update must set
 * every field the computed value reads; otherwise it is refused, naming the missing fields.
 */
export function deriveOnUpdate(
  derived: readonly DerivedField[],
  actions: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  if (derived.length === 0) return actions;
  const touched = touchedFields(actions);
  for (const field of derived) {
    if (touched.has(field.name)) {
      throw new DynamiteError(
        'request.invalid',
        `update: ${field.name} is set by dynamite on every write, so an update cannot change it; leave it out`,
      );
    }
  }
  const givenSet = (actions.set ?? {}) as Record<string, unknown>;
  const set: Record<string, unknown> = { ...givenSet };
  const setIfNotExists: Record<string, unknown> = {
    ...((actions.setIfNotExists ?? {}) as Record<string, unknown>),
  };
  for (const field of derived) {
    const { derivation } = field;
    if (derivation.kind === 'updated') {
      set[field.name] = now;
      continue;
    }
    if (derivation.kind === 'created') {
      setIfNotExists[field.name] = now;
      continue;
    }
    const changed = derivation.from.filter((source) => touched.has(source));
    if (changed.length === 0) continue;
    const missing = derivation.from.filter((source) => !Object.hasOwn(givenSet, source));
    if (missing.length > 0) {
      throw new DynamiteError(
        'request.invalid',
        `update: ${field.name} is computed from ${derivation.from.join(', ')}; this update changes ${changed.join(', ')} but does not set ${missing.join(', ')}. Set ${missing.length === 1 ? 'it' : 'them'} too in \`set\` (dynamite does not read the stored item), or write the whole item with put`,
      );
    }
    const from: Record<string, unknown> = {};
    for (const source of derivation.from) from[source] = givenSet[source];
    set[field.name] = compute(field, from);
  }
  const out: Record<string, unknown> = { ...actions };
  if (Object.keys(set).length > 0) out.set = set;
  if (Object.keys(setIfNotExists).length > 0) out.setIfNotExists = setIfNotExists;
  return out;
}
