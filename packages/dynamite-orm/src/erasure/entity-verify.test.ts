import { describe, expect, it } from 'vitest';
import { erasure, Invoice, notes, Review, tables, User } from '../../test/single-table-erasure.js';
import {
  allowAll,
  attr,
  DynamiteError,
  defineItem,
  defineSingleTable,
  entityErasure,
  formatErasureReport,
  shallow,
  verifyErasure,
} from '../index.js';

describe('verifyErasure across the entities of a single table', () => {
  it('checks every entity and names table, entity and attribute in fields', () => {
    expect(erasure.map((e) => e.name)).toEqual([
      'app/user',
      'app/order',
      'app/shipment',
      'app/invoice',
      'app/product',
      'app/review',
    ]);
    const report = verifyErasure(tables);
    expect(report.status).toBe('review');
    expect(report.findings.map(({ message: _m, ...f }) => f)).toEqual([
      { severity: 'review', code: 'decision.none', table: 'app', entity: 'invoice' },
      {
        severity: 'review',
        code: 'reference.survives',
        table: 'app',
        entity: 'invoice',
        attribute: 'userId',
        category: 'identifier',
        reason: 'names the customer on a kept invoice',
      },
      { severity: 'review', code: 'decision.none', table: 'app', entity: 'product' },
    ]);
    expect(
      report.tables.map((t) => [
        t.table,
        t.entity,
        t.decision,
        t.rowsDeleted,
        t.personal.map((p) => `${p.path}:${p.erasedBy}`),
      ]),
    ).toEqual([
      ['app', 'invoice', 'none', false, ['userId:nothing']],
      ['app', 'order', 'cascade', true, ['userId:delete']],
      ['app', 'product', 'none', false, []],
      ['app', 'review', 'cascade', false, ['authorId:removal']],
      ['app', 'shipment', 'cascade', true, ['userId:delete', 'address:delete']],
      ['app', 'user', 'subject', true, ['email:delete', 'name:delete']],
      ['notes', undefined, 'cascade', true, ['ownerId:delete']],
    ]);
    expect(report.tables.find((t) => t.entity === 'shipment')?.details).toEqual([
      'deep from app/order by index gsi1: rows deleted',
    ]);
    expect(formatErasureReport(report).split('\n').slice(0, 4)).toEqual([
      'erasure: NEEDS REVIEW (7 tables, 0 failures, 3 to review, 0 notes)',
      '',
      '  REVIEW  app/invoice: decision none: "Invoices are kept ten years for the tax office."',
      '  REVIEW  app/invoice.userId: the subject reference userId (identifier) survives erasure: names the customer on a kept invoice',
    ]);
  });

  it('fails an entity with personal data and no decision, and an edge from an entity left out', () => {
    const crm = defineSingleTable({ name: 'crm', partitionKey: 'pk', sortKey: 'sk' });
    const Lead = crm.entity({
      name: 'lead',
      item: defineItem({
        leadId: attr.string(),
        email: attr.string().meta({ personalData: 'contact' }),
      }),
      key: { partitionKey: 'LEAD#{leadId}', sortKey: 'LEAD' },
      policies: allowAll(),
    });
    const missing = verifyErasure([Lead]);
    expect(missing.findings.map(({ message: _m, ...f }) => f)).toEqual([
      {
        severity: 'fail',
        code: 'decision.missing',
        table: 'crm',
        entity: 'lead',
        attribute: 'email',
        category: 'contact',
      },
    ]);
    const dangling = verifyErasure([notes]);
    expect(dangling.findings[0]).toMatchObject({
      severity: 'fail',
      code: 'edge.parent-missing',
      table: 'notes',
      edge: 0,
      parent: 'app/user',
      message: 'edge 0 cascades from entity app/user, which is not in the verified set',
    });
  });

  it('reports a key field a shallow edge finds rows by and leaves in place', () => {
    const social = defineSingleTable({ name: 'social', partitionKey: 'pk', sortKey: 'sk' });
    const Member = social.entity({
      name: 'member',
      item: defineItem({ userId: attr.string() }),
      key: { partitionKey: 'USER#{userId}', sortKey: 'MEMBER' },
      policies: allowAll(),
    });
    const Badge = social.entity({
      name: 'badge',
      item: defineItem({
        userId: attr.string(),
        badgeId: attr.string(),
        nickname: attr.string().optional().meta({ personalData: 'name' }),
      }),
      key: { partitionKey: 'USER#{userId}', sortKey: 'BADGE#{badgeId}' },
      policies: allowAll(),
    });
    const report = verifyErasure([
      entityErasure(Member, { kind: 'subject', key: (userId) => ({ userId }) }),
      entityErasure(Badge, {
        kind: 'cascade',
        edges: [shallow(Member, { key: (m) => ({ userId: m.userId }), remove: ['nickname'] })],
      }),
    ]);
    expect(report.findings.map(({ message: _m, ...f }) => f)).toEqual([
      {
        severity: 'review',
        code: 'reference.survives',
        table: 'social',
        entity: 'badge',
        attribute: 'userId',
        edge: 0,
        parent: 'social/member',
      },
    ]);
  });

  it('refuses a decision on an index the entity is not in, or a required field to remove', () => {
    const check = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        return error instanceof DynamiteError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(
      check(() =>
        entityErasure(Invoice, {
          kind: 'subject',
          index: 'gsi1' as never,
          key: (userId) => ({ userId }),
        }),
      ),
    ).toBe(
      'definition.invalid: entity invoice of app: erasure \'subject\' queries index "gsi1", which the table does not have; indexes: none',
    );
    expect(
      check(() =>
        entityErasure(Review, {
          kind: 'cascade',
          edges: [
            shallow(User, { key: (u) => ({ productId: u.userId }), remove: ['text' as never] }),
          ],
        }),
      ),
    ).toBe(
      'definition.invalid: entity review of app: erasure edge 0 removes text, which is required; only .optional() attributes can be removed',
    );
    expect(
      check(() =>
        entityErasure(Review, {
          kind: 'cascade',
          edges: [
            shallow(User, { key: (u) => ({ productId: u.userId }), remove: ['$k2' as never] }),
          ],
        }),
      ),
    ).toBe(
      'definition.invalid: entity review of app: erasure names "$k2", which is not a field of the entity',
    );
  });
});
