import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_OWNER, resolveConfig } from './config.js';

const ROOT = 'https://suns.example/site/';

describe('resolveConfig', () => {
  it('defaults to the snapshot and API next to the site, and the default priority owner', () => {
    expect(resolveConfig({}, undefined, ROOT)).toEqual({
      config: {
        snapshotUrl: 'https://suns.example/site/records/domains.json',
        apiBase: 'https://suns.example/site/',
        priorityOwner: DEFAULT_PRIORITY_OWNER,
      },
      warnings: [],
    });
  });

  it('uses build-time values, and lets config.json override them field by field', () => {
    const build = {
      snapshotUrl: 'https://cdn.example/records/domains.json',
      apiBase: 'https://api.example/v',
      priorityOwner: 'https://first.example',
    };
    expect(resolveConfig(build, {}, ROOT).config).toEqual({
      snapshotUrl: 'https://cdn.example/records/domains.json',
      apiBase: 'https://api.example/v/',
      priorityOwner: 'https://first.example',
    });
    expect(
      resolveConfig(build, { apiBase: 'http://127.0.0.1:8787', priorityOwner: '' }, ROOT).config,
    ).toEqual({
      snapshotUrl: 'https://cdn.example/records/domains.json',
      apiBase: 'http://127.0.0.1:8787/',
      priorityOwner: null,
    });
  });

  it('ignores run-time values of the wrong type or scheme, with a warning each', () => {
    const result = resolveConfig(
      {},
      { snapshotUrl: 'javascript:alert(1)', apiBase: 42, priorityOwner: ['x'] },
      ROOT,
    );
    expect(result.config).toEqual(resolveConfig({}, undefined, ROOT).config);
    expect(result.warnings).toEqual([
      'config.json: snapshotUrl must be an http(s) URL or a relative path; ignored',
      'config.json: apiBase must be an http(s) URL or a relative path; ignored',
      'config.json: priorityOwner must be a string; ignored',
    ]);
  });

  it('ignores a config.json that is not an object', () => {
    expect(resolveConfig({}, [1, 2], ROOT).warnings).toEqual([
      'config.json must hold a JSON object; it was ignored',
    ]);
  });
});
