import { checkErasureDecision } from '../erasure-policy/check-decision.js';
import type { AnyErasureDecision } from '../erasure-policy/decision.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { readMissingVersionAsZero } from '../model/missing-version.js';
import { buildPathIndex, type IndexModel, type TableModel } from '../model/table-model.js';
import type { Billing, StreamViewType } from '../model/table-shape.js';
import { checkPolicies } from '../policy/check.js';
import type { Fields } from '../schema/attribute.js';
import type { FieldCodec } from '../schema/codec.js';
import type { ItemSchema } from '../schema/item-schema.js';
import type { IndexConfig } from './config.js';

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function invalid(table: string, message: string): never {
  throw new DynamiteError('definition.invalid', `table ${table}: ${message}`);
}

function keyCodec(
  table: string,
  item: ItemSchema<Fields>,
  name: unknown,
  role: string,
  sparse: boolean,
) {
  if (typeof name !== 'string') invalid(table, `${role} must be a field name, got ${String(name)}`);
  const field = item.codec.byName[name];
  if (!field) {
    invalid(
      table,
      `${role} ${JSON.stringify(name)} is not a field; fields are ${Object.keys(item.fields).join(', ')}`,
    );
  }
  const { attribute } = field;
  if (!['S', 'N', 'B'].includes(attribute.dynamoType)) {
    invalid(table, `${role} ${name} is stored as ${attribute.dynamoType}; keys must be S, N or B`);
  }
  if (attribute.isNullable) invalid(table, `${role} ${name} cannot be nullable`);
  if (!sparse && attribute.isOptional) invalid(table, `${role} ${name} cannot be optional`);
  return field;
}

function buildIndexes(
  table: string,
  item: ItemSchema<Fields>,
  pk: FieldCodec,
  configs: Record<string, IndexConfig<Fields>>,
): Map<string, IndexModel> {
  const out = new Map<string, IndexModel>();
  for (const name of Object.keys(configs)) {
    const config = configs[name]!;
    if (!TABLE_NAME.test(name)) invalid(table, `index name ${JSON.stringify(name)} is not valid`);
    const type = config.type ?? 'global';
    const partitionKey = keyCodec(
      table,
      item,
      config.partitionKey,
      `index ${name} partitionKey`,
      true,
    );
    const sortKey =
      config.sortKey === undefined
        ? undefined
        : keyCodec(table, item, config.sortKey, `index ${name} sortKey`, true);
    if (type === 'local') {
      if (partitionKey.name !== pk.name) {
        invalid(table, `local index ${name} must use the table's partition key ${pk.name}`);
      }
      if (!sortKey) invalid(table, `local index ${name} needs a sort key`);
    }
    const projection = config.projection ?? 'all';
    if (Array.isArray(projection)) {
      for (const field of projection) {
        if (!item.codec.byName[field])
          invalid(table, `index ${name} projects unknown field ${field}`);
      }
    }
    out.set(
      name,
      Object.freeze({
        name,
        type,
        partitionKey,
        sortKey,
        projection: Array.isArray(projection) ? Object.freeze([...projection]) : projection,
        throughput: config.throughput,
      }),
    );
  }
  return out;
}

/** What the checks read of a table configuration, of any shape. */
export interface ConfigToCheck {
  readonly name: string;
  readonly item: ItemSchema<Fields>;
  readonly partitionKey: string;
  readonly sortKey?: string | undefined;
  readonly indexes?: unknown;
  readonly version?: string | undefined;
  readonly allowMissingVersion?: unknown;
  readonly ttl?: string | undefined;
  readonly stream?: StreamViewType | undefined;
  readonly billing?: Billing | undefined;
  readonly policies?: unknown;
  readonly concealDenied?: unknown;
  readonly erasure?: unknown;
}

/** A configuration that passed the checks: its compiled model and its erasure decision. */
export interface CheckedTable {
  readonly model: TableModel;
  /** The erasure decision, checked; `undefined` when the table declares none. */
  readonly erasure: AnyErasureDecision | undefined;
}

/**
 * Checks a table configuration and compiles it: the name, the keys (fields stored as S, N or
 * B, required, not nullable), the version and TTL fields, the policies, the indexes and the
 * erasure decision, in that order. Throws `definition.invalid` naming the first that cannot
 * work in DynamoDB.
 */
export function checkTableConfig(config: ConfigToCheck): CheckedTable {
  const { name, item } = config;
  if (typeof name !== 'string' || !TABLE_NAME.test(name)) {
    throw new DynamiteError(
      'definition.invalid',
      `table name ${JSON.stringify(name)} is not valid: 3 to 255 characters of A-Z a-z 0-9 _ . -`,
    );
  }
  const pk = keyCodec(name, item, config.partitionKey, 'partitionKey', false);
  const sk =
    config.sortKey === undefined
      ? undefined
      : keyCodec(name, item, config.sortKey, 'sortKey', false);
  if (sk && sk.name === pk.name) invalid(name, 'sortKey must differ from partitionKey');
  let version: FieldCodec | undefined;
  if (config.version !== undefined) {
    version = item.codec.byName[config.version];
    if (!version) invalid(name, `version ${config.version} is not a field`);
    if (
      version.attribute.kind !== 'number' ||
      !version.attribute.isInteger ||
      version.optional ||
      version.attribute.isNullable
    ) {
      invalid(
        name,
        `version ${config.version} must be a required attr.int() (a counter that only grows by one)`,
      );
    }
    if (version === pk || version === sk) invalid(name, 'the version cannot be a key');
  }
  const { allowMissingVersion } = config;
  if (allowMissingVersion !== undefined && typeof allowMissingVersion !== 'boolean') {
    invalid(name, `allowMissingVersion must be true or false, got ${String(allowMissingVersion)}`);
  }
  if (allowMissingVersion === true && !version) {
    invalid(name, 'allowMissingVersion needs a version attribute (the version option)');
  }
  const versionMayBeMissing = allowMissingVersion === true;
  let ttl: FieldCodec | undefined;
  if (config.ttl !== undefined) {
    ttl = item.codec.byName[config.ttl];
    if (!ttl) invalid(name, `ttl ${config.ttl} is not a field`);
    const ok =
      (ttl.attribute.kind === 'date' && ttl.attribute.dateStorage === 'epochSeconds') ||
      ttl.attribute.kind === 'number';
    if (!ok)
      invalid(
        name,
        `ttl ${config.ttl} must be attr.date({ storage: 'epochSeconds' }) or attr.number()`,
      );
    if (ttl === pk || ttl === sk) invalid(name, 'the TTL attribute cannot be a key');
  }
  checkPolicies(name, config.policies);
  if (config.concealDenied !== undefined && typeof config.concealDenied !== 'boolean') {
    invalid(name, `concealDenied must be true or false, got ${String(config.concealDenied)}`);
  }
  const billing = config.billing ?? { mode: 'onDemand' };
  const indexes = buildIndexes(
    name,
    item,
    pk,
    (config.indexes ?? {}) as Record<string, IndexConfig<Fields>>,
  );
  const locked = new Set([pk.name, ...(sk ? [sk.name] : []), ...(version ? [version.name] : [])]);
  const model: TableModel = Object.freeze({
    name,
    codec: versionMayBeMissing ? readMissingVersionAsZero(item.codec, version!) : item.codec,
    partitionKey: pk,
    sortKey: sk,
    version,
    versionMayBeMissing,
    ttl,
    stream: config.stream,
    billing,
    indexes,
    paths: buildPathIndex(item.fields),
    locked,
  });
  return { model, erasure: checkErasureDecision(model, config.erasure) };
}
