import { describe, expect, it } from 'vitest';
import { CliError } from '../cli/errors.js';
import { LOCAL_SNAPSHOT_URL } from './local-stack.js';
import { defaultSnapshotLocation, parseSnapshotLocation } from './snapshot.js';

describe('parseSnapshotLocation', () => {
  it('reads s3 addresses, http(s) URLs and file paths', () => {
    expect(parseSnapshotLocation('s3://site/records/domains.json')).toEqual({
      kind: 's3',
      bucket: 'site',
      key: 'records/domains.json',
    });
    expect(parseSnapshotLocation('https://suns.example/records/domains.json')).toEqual({
      kind: 'url',
      url: 'https://suns.example/records/domains.json',
    });
    expect(parseSnapshotLocation('./domains.json')).toEqual({
      kind: 'file',
      path: './domains.json',
    });
  });

  it.each(['s3://site', 's3://site/', 'ftp://host/domains.json'])(
    'refuses %s with exit code 2',
    (text) => {
      const error = (() => {
        try {
          parseSnapshotLocation(text);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    },
  );
});

describe('defaultSnapshotLocation', () => {
  it('is SNAPSHOT_BUCKET with SNAPSHOT_KEY or records/domains.json, else the local stack', () => {
    expect(defaultSnapshotLocation({ SNAPSHOT_BUCKET: 'b' })).toEqual({
      kind: 's3',
      bucket: 'b',
      key: 'records/domains.json',
      indexKey: 'records/v1/index.json',
    });
    expect(
      defaultSnapshotLocation({
        SNAPSHOT_BUCKET: 'b',
        SNAPSHOT_KEY: 'k.json',
        SNAPSHOT_LAYOUT_INDEX_KEY: 'l/v1/index.json',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'b',
      key: 'k.json',
      indexKey: 'l/v1/index.json',
    });
    expect(defaultSnapshotLocation({})).toEqual({
      kind: 'url',
      url: LOCAL_SNAPSHOT_URL,
      local: true,
    });
    expect(defaultSnapshotLocation({ SYMVAL_LOCAL_PORT: '9000' })).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:9001/records/domains.json',
      local: true,
    });
    expect(() => defaultSnapshotLocation({ SYMVAL_LOCAL_PORT: '80x' })).toThrow(
      'SYMVAL_LOCAL_PORT must be the local stack\'s base port, a whole number from 1 to 65531, received "80x"',
    );
  });
});
