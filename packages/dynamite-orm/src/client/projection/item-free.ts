// Whether a read policy decides for an actor without looking at any item. Rules are functions
// of the item, so which fields they read cannot be known in advance; instead the policy is
// asked once about an item that records (and refuses) every look at it. A policy that allows
// without a look allows every item: a projection can then be sent as asked and a count can be
// DynamoDB's own.
import type { TableShape } from '../../model/table-shape.js';
import type { Caller } from '../caller.js';

const LOOKED = Symbol('looked');

/**
 * True when the read policy allows the caller's actor every item without reading any field of
 * it (`alwaysAllow()`, `allowSystem(...)` for that job, a rule deciding on the viewer alone).
 * False when any rule looks at the item, denies, or throws: items must then be read and checked.
 */
export async function allowsWithoutItems(caller: Caller<TableShape>): Promise<boolean> {
  let looked = false;
  const look = (): never => {
    looked = true;
    throw LOOKED;
  };
  const probe = new Proxy(Object.create(null) as object, {
    get: look,
    has: look,
    ownKeys: look,
    getOwnPropertyDescriptor: look,
    getPrototypeOf: look,
    defineProperty: look,
    set: look,
    deleteProperty: look,
  });
  try {
    const denial = await caller.connection.gate.readDenial(caller.actor, probe);
    return !looked && denial === undefined;
  } catch {
    return false;
  }
}
