// Erasure decisions of single-table entities. An entity's table definition is shared with its
// siblings, so its decision is declared next to it here, typed by the entity's fields and key
// templates: a key function returns the entity's key fields, never the stored `pk`/`sk` text.
import { checkErasureDecision } from '../erasure-policy/check-decision.js';
import {
  type AnyErasureDecision,
  type CascadeEdgeOver,
  type DecisionOver,
  entityNodeName,
} from '../erasure-policy/decision.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { AnyEntity } from '../single-table/entity.js';
import type { EntityShape } from '../single-table/types.js';

/** An edge an entity accepts: its index is one the entity is in, its key query fits it. */
export type EntityCascadeEdge<E extends EntityShape> = CascadeEdgeOver<E['fields'], E['queryKeys']>;

/**
 * An entity's erasure decision: as a table's (`none`, `subject`, `cascade`), with key queries
 * given by the entity's key fields (`{ userId }`, `{ userId, placedAt: { ge } }`).
 */
export type EntityErasureDecision<E extends EntityShape> = DecisionOver<
  E['fields'],
  E['queryKeys']
>;

/** An entity with its erasure decision, made by {@link entityErasure}. */
export interface EntityErasure<E extends AnyEntity = AnyEntity> {
  readonly kind: 'entity-erasure';
  /** The entity's erasure name, `table/entity` (as findings and edges by name spell it). */
  readonly name: string;
  readonly entity: E;
  /** The decision, checked. */
  readonly decision: AnyErasureDecision;
}

/** Whether a value is an entity erasure declaration. */
export function isEntityErasure(value: unknown): value is EntityErasure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as EntityErasure).kind === 'entity-erasure' &&
    typeof (value as EntityErasure).entity === 'object'
  );
}

/**
 * Declares what happens to an entity's items when a data subject is erased. Give the result
 * to `verifyErasure`, `toDataMap` and `createEraser` (`entities`); edges of other tables and
 * entities name the entity itself as their parent (`deep(User, ...)`). Throws
 * `definition.invalid` for an index the entity is not in, or a removal of a required field.
 *
 * @example
 * const orderErasure = entityErasure(Order, {
 *   kind: 'cascade',
 *   edges: [deep(User, { key: (user) => ({ userId: user.userId }) })], // Order's pk: USER#{userId}
 * });
 */
export function entityErasure<const E extends AnyEntity>(
  entity: E,
  decision: NoInfer<EntityErasureDecision<E['~shape']>>,
): EntityErasure<E> {
  const e = entity as AnyEntity | undefined;
  if (typeof e?.definition?.model !== 'object' || typeof e.keys !== 'object') {
    throw new DynamiteError(
      'definition.invalid',
      `entityErasure needs an entity (made by table.entity), got ${describeValue(entity)}`,
    );
  }
  const label = `entity ${e.name} of ${e.table.name}`;
  const checked = checkErasureDecision(e.definition.model, decision, label);
  if (checked === undefined) {
    throw new DynamiteError(
      'definition.invalid',
      `${label}: entityErasure needs a decision (kind none, subject or cascade)`,
    );
  }
  // The entity's definition also holds the hidden key fields (`$k0`...): refuse their paths.
  const fields = e.fields as Readonly<Record<string, unknown>>;
  const paths = [
    ...(checked.kind === 'none' ? Object.keys(checked.keeps ?? {}) : []),
    ...(checked.kind === 'cascade'
      ? checked.edges.flatMap((edge) => (edge.kind === 'shallow' ? edge.remove : []))
      : []),
  ];
  for (const path of paths) {
    const top = /^[^.[]+/.exec(path)?.[0] ?? path;
    if (!Object.hasOwn(fields, top)) {
      throw new DynamiteError(
        'definition.invalid',
        `${label}: erasure names ${JSON.stringify(path)}, which is not a field of the entity`,
      );
    }
  }
  return Object.freeze({
    kind: 'entity-erasure',
    name: entityNodeName(e.table.name, e.name),
    entity,
    decision: checked,
  });
}
