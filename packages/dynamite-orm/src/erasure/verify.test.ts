import { describe, expect, it } from 'vitest';
import { follows, messages, rooms, settings, tables, topics, users } from '../../test/social.js';
import { attr, deep, defineItem, defineTable, shallow } from '../index.js';
import { erasureCheckpoints } from './checkpoint.js';
import { formatErasureReport } from './report.js';
import { verifyErasure } from './verify.js';

const Note = defineItem({
  noteId: attr.string(),
  ownerId: attr.string().meta({ personalData: 'identifier' }),
  editorId: attr.string().optional().meta({ personalData: 'identifier' }),
  editorEmail: attr.string().optional().meta({ personalData: 'contact' }),
  body: attr.string(),
});
const noteIndexes = {
  byOwner: { partitionKey: 'ownerId' as const },
  byEditor: { partitionKey: 'editorId' as const },
};

describe('verifyErasure', () => {
  it('asks for review of the social graph because one table is declared none', () => {
    const report = verifyErasure(tables);
    expect(report.status).toBe('review');
    expect(report.findings).toEqual([
      {
        severity: 'review',
        code: 'decision.none',
        table: 'settings',
        message: 'decision none: "Feature flags and limits: no data about a person."',
      },
    ]);
    const messagesCoverage = report.tables.find((t) => t.table === 'messages')!;
    expect(messagesCoverage).toMatchObject({ decision: 'cascade', rowsDeleted: true });
    expect(messagesCoverage.details).toEqual([
      'deep from rooms by key: rows deleted',
      'shallow from users by index byAuthor: removes authorId, authorName',
      'deep from messages by index byReplyTo: rows deleted',
    ]);
    expect(report.tables.find((t) => t.table === 'users')!.personal).toEqual([
      {
        path: 'userId',
        savedAs: 'userId',
        category: 'identifier',
        purpose: 'account',
        erasedBy: 'delete',
      },
      { path: 'name', savedAs: 'name', category: 'name', purpose: 'profile', erasedBy: 'delete' },
      {
        path: 'email',
        savedAs: 'email',
        category: 'contact',
        purpose: 'sign-in',
        erasedBy: 'delete',
      },
      {
        path: 'phone',
        savedAs: 'phone',
        category: 'contact',
        purpose: 'two-factor sign-in',
        erasedBy: 'delete',
      },
    ]);
  });

  it('passes when every table is erased and no decision is none', () => {
    expect(verifyErasure([users, rooms, topics, follows, messages])).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('fails a table without a decision, naming its personal attributes', () => {
    const notes = defineTable({ name: 'notes', item: Note, partitionKey: 'noteId' });
    const report = verifyErasure([users, notes]);
    expect(report.status).toBe('fail');
    expect(report.findings.map((f) => [f.code, f.table, f.attribute, f.category])).toEqual([
      ['decision.missing', 'notes', 'editorEmail', 'contact'],
      ['decision.missing', 'notes', 'editorId', 'identifier'],
      ['decision.missing', 'notes', 'ownerId', 'identifier'],
    ]);
    expect(report.findings[2]!.message).toBe(
      'no erasure decision, so personal attribute ownerId (identifier) is never erased (declare none, subject or cascade)',
    );
    const plain = defineTable({
      name: 'plain',
      item: defineItem({ id: attr.string() }),
      partitionKey: 'id',
    });
    expect(verifyErasure([plain]).findings).toEqual([
      {
        severity: 'fail',
        code: 'decision.missing',
        table: 'plain',
        message: 'no erasure decision (declare none, subject or cascade)',
      },
    ]);
  });

  it('fails a personal attribute that no delete or removal reaches', () => {
    // Owners' notes are deleted, but an editor is only disassociated by id: the email stays.
    const notes = defineTable({
      name: 'notes',
      item: Note,
      partitionKey: 'noteId',
      indexes: noteIndexes,
      erasure: {
        kind: 'cascade',
        edges: [
          shallow(users, {
            index: 'byEditor',
            key: (u) => ({ editorId: u.userId }),
            remove: ['editorId'],
          }),
        ],
      },
    });
    const report = verifyErasure([users, notes]);
    expect(report.status).toBe('fail');
    expect(report.findings).toEqual([
      {
        severity: 'fail',
        code: 'attribute.unreachable',
        table: 'notes',
        attribute: 'editorEmail',
        category: 'contact',
        message:
          'personal attribute editorEmail (contact) is neither deleted nor removed by any path',
      },
      {
        severity: 'fail',
        code: 'attribute.unreachable',
        table: 'notes',
        attribute: 'ownerId',
        category: 'identifier',
        message:
          'personal attribute ownerId (identifier) is neither deleted nor removed by any path',
      },
    ]);
    expect(report.tables.find((t) => t.table === 'notes')!.personal.map((p) => p.erasedBy)).toEqual(
      ['nothing', 'removal', 'nothing'],
    );
  });

  it('passes once a deep edge deletes the owner rows and the shallow edge removes every editor field', () => {
    const notes = defineTable({
      name: 'notes',
      item: Note,
      partitionKey: 'noteId',
      indexes: noteIndexes,
      erasure: {
        kind: 'cascade',
        edges: [
          deep(users, { index: 'byOwner', key: (u) => ({ ownerId: u.userId }) }),
          shallow(users, {
            index: 'byEditor',
            key: (u) => ({ editorId: u.userId }),
            remove: ['editorId', 'editorEmail'],
          }),
        ],
      },
    });
    expect(verifyErasure([users, notes]).status).toBe('pass');
  });

  it('fails the attributes of a cascade table that only a none table leads to, and notes the dead cascade', () => {
    const notes = defineTable({
      name: 'notes',
      item: Note,
      partitionKey: 'noteId',
      erasure: { kind: 'cascade', edges: [deep(settings, { key: (s) => ({ noteId: s.key }) })] },
    });
    const report = verifyErasure([users, settings, notes]);
    expect(report.status).toBe('fail');
    expect(
      report.findings.map((f) => `${f.severity} ${f.code} ${f.table} ${f.attribute ?? ''}`),
    ).toEqual([
      'fail attribute.unreachable notes editorEmail',
      'fail attribute.unreachable notes editorId',
      'fail attribute.unreachable notes ownerId',
      'review decision.none settings ',
      'note table.unreached notes ',
    ]);
  });

  it('fails an edge whose parent table is not in the verified set', () => {
    const report = verifyErasure([users, topics]);
    expect(report.status).toBe('fail');
    expect(report.findings[0]).toEqual({
      severity: 'fail',
      code: 'edge.parent-missing',
      table: 'topics',
      edge: 0,
      parent: 'rooms',
      message: 'edge 0 cascades from table rooms, which is not in the verified set',
    });
  });

  it('reports the subject id the checkpoint table keeps as a reference that survives, with why', () => {
    const report = verifyErasure([users, erasureCheckpoints]);
    expect(report.status).toBe('review');
    expect(report.findings.map((f) => [f.severity, f.code, f.table, f.attribute])).toEqual([
      ['review', 'decision.none', 'dynamite-erasure-checkpoints', undefined],
      // The stored plan holds the data being erased: kept for resuming and re-planning.
      ['review', 'attribute.kept', 'dynamite-erasure-checkpoints', 'chunk'],
      ['review', 'reference.survives', 'dynamite-erasure-checkpoints', 'subjectId'],
    ]);
    expect(report.findings[2]!.reason).toMatch(/erasure ledger/);
    expect(
      report.tables
        .find((t) => t.table === erasureCheckpoints.name)!
        .personal.find((p) => p.path === 'subjectId'),
    ).toMatchObject({
      path: 'subjectId',
      erasedBy: 'nothing',
      kept: report.findings[2]!.reason,
    });
  });

  it('fails a personal attribute a none table keeps without saying why, and reviews it with a reason', () => {
    const Audit = defineItem({
      auditId: attr.string(),
      actorEmail: attr.string().meta({ personalData: 'contact' }),
      note: attr.string().meta({ personalData: 'free text' }),
    });
    const silent = defineTable({
      name: 'audit',
      item: Audit,
      partitionKey: 'auditId',
      erasure: { kind: 'none', justification: 'Audit log.' },
    });
    const report = verifyErasure([users, silent]);
    expect(report.status).toBe('fail');
    expect(report.findings.map((f) => [f.severity, f.code, f.attribute])).toEqual([
      ['fail', 'attribute.kept-unjustified', 'actorEmail'],
      ['fail', 'attribute.kept-unjustified', 'note'],
      ['review', 'decision.none', undefined],
    ]);
    expect(report.findings[0]!.message).toContain(
      "add keeps: { 'actorEmail': '<why it is kept>' }",
    );
    const said = defineTable({
      name: 'audit',
      item: Audit,
      partitionKey: 'auditId',
      erasure: {
        kind: 'none',
        justification: 'Audit log.',
        keeps: { actorEmail: 'legal hold: 7 years', note: 'free text reviewed by legal' },
      },
    });
    const reviewed = verifyErasure([users, said]);
    expect(reviewed.status).toBe('review');
    expect(reviewed.findings.map((f) => [f.code, f.attribute, f.reason])).toEqual([
      ['decision.none', undefined, undefined],
      ['attribute.kept', 'actorEmail', 'legal hold: 7 years'],
      ['attribute.kept', 'note', 'free text reviewed by legal'],
    ]);
    expect(() =>
      defineTable({
        name: 'audit',
        item: Audit,
        partitionKey: 'auditId',
        erasure: { kind: 'none', justification: 'x', keeps: { nope: 'why' } as never },
      }),
    ).toThrow(/keeps "nope", which is not an attribute path/);
    expect(() =>
      defineTable({
        name: 'audit',
        item: Audit,
        partitionKey: 'auditId',
        erasure: { kind: 'none', justification: 'x', keeps: { note: ' ' } },
      }),
    ).toThrow(/keeps note without a reason/);
  });

  it('reports a required key field a shallow edge finds rows by as a reference that survives', () => {
    const invites = defineTable({
      name: 'invites',
      item: defineItem({
        inviteId: attr.string(),
        inviterId: attr.string(),
        inviterName: attr.string().optional().meta({ personalData: 'name' }),
      }),
      partitionKey: 'inviteId',
      indexes: { byInviter: { partitionKey: 'inviterId' } },
      erasure: {
        kind: 'cascade',
        edges: [
          shallow(users, {
            index: 'byInviter',
            key: (u) => ({ inviterId: u.userId }),
            remove: ['inviterName'],
          }),
        ],
      },
    });
    const report = verifyErasure([users, invites]);
    expect(report.status).toBe('review');
    expect(report.findings).toEqual([
      {
        severity: 'review',
        code: 'reference.survives',
        table: 'invites',
        attribute: 'inviterId',
        edge: 0,
        parent: 'users',
        message:
          'inviterId survives erasure: edge 0 finds rows by it from erased rows of users but does not remove it (it is required, so it cannot be removed); decide whether that reference may stay',
      },
    ]);
  });

  it('formats a readable report', () => {
    const text = formatErasureReport(verifyErasure(tables));
    expect(text.split('\n').slice(0, 5)).toEqual([
      'erasure: NEEDS REVIEW (6 tables, 0 failures, 1 to review, 0 notes)',
      '',
      '  REVIEW  settings: decision none: "Feature flags and limits: no data about a person."',
      '',
      'tables:',
    ]);
    expect(text).toContain('  messages  [cascade] rows deleted\n');
    expect(text).toContain(
      '    - shallow from users by index byAuthor: removes authorId, authorName\n',
    );
    expect(text).toContain('    * email (contact): erased by delete\n');
  });
});
