// An entity of a single table: its compiled keys and the table definition behind it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ConnectOptions } from '../client/connection.js';
import type { AnyTableDefinition } from '../define-table.js';
import { EntityClient } from './entity-client.js';
import type { EntityKeys } from './entity-keys.js';
import type { EntityItem, EntityKey, EntityShape, SingleTableLike } from './types.js';

/**
 * An entity of a single table: its item schema, how its keys are built, and `connect`. Its
 * `definition` is an ordinary table definition over the shared table (hidden key fields
 * included), which policies, streams and exports see.
 */
export class EntityDefinition<E extends EntityShape> {
  /** The entity's type parameters, for helper types such as {@link EntityItemOf}. */
  declare readonly '~shape': E;
  /** The entity's name, stored in the table's entity type attribute. */
  readonly name: E['name'];
  readonly table: SingleTableLike;
  /** The table definition behind the entity (its schema has the hidden key fields). */
  readonly definition: AnyTableDefinition;
  /** @internal the compiled key plan */
  readonly keys: EntityKeys;
  readonly fields: E['fields'];

  constructor(
    table: SingleTableLike,
    definition: AnyTableDefinition,
    keys: EntityKeys,
    fields: E['fields'],
  ) {
    this.name = keys.entity as E['name'];
    this.table = table;
    this.definition = definition;
    this.keys = keys;
    this.fields = fields;
    Object.freeze(this);
  }

  /** Binds the entity to a client; `db.as(viewer)` / `db.asSystem(job)` give its operations. */
  connect(client: DynamoDBClient, options: ConnectOptions = {}): EntityClient<E> {
    return new EntityClient(this.keys, this.definition.connect(client, options));
  }
}

/** The item type of an entity: `EntityItemOf<typeof User>`. */
export type EntityItemOf<T extends { readonly '~shape': EntityShape }> = EntityItem<T['~shape']>;

/** The key of an entity, by the fields its templates read: `EntityKeyOf<typeof Order>`. */
export type EntityKeyOf<T extends { readonly '~shape': EntityShape }> = EntityKey<T['~shape']>;

/** An entity of any shape. */
export type AnyEntityDefinition = EntityDefinition<EntityShape>;

// biome-ignore lint/suspicious/noExplicitAny: an entity of any shape, where it is a member
export type AnyEntity = EntityDefinition<any>;
