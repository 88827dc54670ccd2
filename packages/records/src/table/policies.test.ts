import type { Condition } from '@symval/dynamite-orm';
import { describe, expect, it } from 'vitest';
import { attestedGroup } from '../../test/groups.js';
import { isAttestedWrite, isValidationRefresh, type RecordWrite, revAdoption } from './policies.js';
import {
  attestationViewer,
  migrationViewer,
  publicViewer,
  reattestationViewer,
} from './viewers.js';

const group = attestedGroup('https://example.blog', 'e', ['me.example.com', 'com.example.me']);
const key = { groupId: group[0]!.groupId, hostname: 'me.example.com' };
const condition = {} as Condition;
const base = { table: 'domain-records', key, condition, current: async () => undefined };
const upsert = (set: Record<string, unknown>, extra: Record<string, unknown> = {}): RecordWrite =>
  ({ ...base, type: 'update', changes: { set, ...extra } }) as RecordWrite;
const attested = { owner: 'https://example.blog', type: 'e', validateTime: new Date() };

describe('isAttestedWrite', () => {
  const viewer = attestationViewer({ status: 'valid', records: group });

  it('allows the upsert of an attested hostname with its owner and type', () => {
    expect(isAttestedWrite(viewer, upsert(attested))).toBe(true);
  });

  it('refuses another hostname, another owner or type, and other actions', () => {
    expect(
      isAttestedWrite(viewer, { ...upsert(attested), key: { ...key, hostname: 'evil.example' } }),
    ).toBe(false);
    expect(isAttestedWrite(viewer, upsert({ ...attested, owner: 'https://else.example' }))).toBe(
      false,
    );
    expect(isAttestedWrite(viewer, upsert({ ...attested, type: 'a' }))).toBe(false);
    expect(isAttestedWrite(viewer, upsert({ validateTime: new Date() }))).toBe(false);
    expect(isAttestedWrite(viewer, upsert(attested, { remove: ['owner'] }))).toBe(false);
    expect(isAttestedWrite(viewer, { ...base, type: 'delete' } as RecordWrite)).toBe(false);
  });

  it('refuses a result that is not valid, and other viewers', () => {
    expect(
      isAttestedWrite(
        attestationViewer({ status: 'indeterminate', records: group }),
        upsert(attested),
      ),
    ).toBe(false);
    expect(isAttestedWrite(attestationViewer({ status: 'valid' }), upsert(attested))).toBe(false);
    expect(isAttestedWrite(reattestationViewer(), upsert(attested))).toBe(false);
    expect(isAttestedWrite(publicViewer(), upsert(attested))).toBe(false);
  });
});

describe('isValidationRefresh', () => {
  it('allows a conditional ValidateTime update and a conditional delete', () => {
    expect(isValidationRefresh(reattestationViewer(), upsert({ validateTime: new Date() }))).toBe(
      true,
    );
    expect(
      isValidationRefresh(reattestationViewer(), { ...base, type: 'delete' } as RecordWrite),
    ).toBe(true);
  });

  it('refuses other fields, unconditional writes, puts and other viewers', () => {
    expect(
      isValidationRefresh(reattestationViewer(), upsert({ validateTime: new Date(), owner: 'x' })),
    ).toBe(false);
    expect(
      isValidationRefresh(reattestationViewer(), {
        ...upsert({ validateTime: new Date() }),
        condition: undefined,
      }),
    ).toBe(false);
    expect(
      isValidationRefresh(reattestationViewer(), { ...base, type: 'put', item: {} } as RecordWrite),
    ).toBe(false);
    expect(isValidationRefresh(publicViewer(), upsert({ validateTime: new Date() }))).toBe(false);
  });
});

describe('revAdoption', () => {
  const bare = { ...base, type: 'update', changes: {} } as RecordWrite;

  it('allows a migration an update with no action of its own, only where Rev is still absent', () => {
    expect(revAdoption(migrationViewer(), bare)).toEqual({
      allowIf: { type: 'exists', path: 'rev', exists: false },
      otherwise: 'skip',
    });
  });

  it('skips any other change, any other write and any other viewer', () => {
    expect(revAdoption(migrationViewer(), upsert({ validateTime: new Date() }))).toBe('skip');
    expect(revAdoption(migrationViewer(), { ...base, type: 'delete' } as RecordWrite)).toBe('skip');
    expect(revAdoption(reattestationViewer(), bare)).toBe('skip');
    expect(revAdoption(publicViewer(), bare)).toBe('skip');
  });
});
