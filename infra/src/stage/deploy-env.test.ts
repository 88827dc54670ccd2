import { describe, expect, it } from 'vitest';
import { corsOrigins } from '../domain/names.js';
import { readDeployEnvironment, readStageDeployEnvironment } from './deploy-env.js';
import { PRODUCTION_DEPLOY } from './pinned.js';

const refusal = (code: string, text: string) =>
  expect.objectContaining({ code, message: expect.stringContaining(text) });

describe('readDeployEnvironment', () => {
  it('reads the domain, its aliases, the zone, the alarm address, the claims and adoption', () => {
    expect(
      readDeployEnvironment({
        SYMVAL_DOMAIN: 'zq.suns.example',
        SYMVAL_DOMAIN_ALIASES: 'suns.example, zb.snus.suns.example',
        SYMVAL_ZONE: 'suns.example',
        SYMVAL_ALARM_EMAIL: 'ops@suns.example',
        SYMVAL_CLUB_OWNER: 'https://zq.suns.example',
        SYMVAL_CLUB_CLAIMS: 'b:zq.suns.example e:me.suns.example+suns.example.me',
        SYMVAL_ADOPT_TABLE: 'suns-prod-application-table',
        SYMVAL_ADOPT_BUCKET: 'suns-bz-content-123456789012',
      }),
    ).toEqual({
      domain: 'zq.suns.example',
      aliases: ['suns.example', 'zb.snus.suns.example'],
      zone: 'suns.example',
      alarmEmail: 'ops@suns.example',
      club: {
        owner: 'https://zq.suns.example',
        claims: [
          { type: 'b', hostnames: ['zq.suns.example'] },
          { type: 'e', hostnames: ['me.suns.example', 'suns.example.me'] },
        ],
      },
      adopt: { table: 'suns-prod-application-table', bucket: 'suns-bz-content-123456789012' },
    });
  });

  it('treats unset and blank values as not given', () => {
    expect(readDeployEnvironment({})).toEqual({});
    expect(readDeployEnvironment({ SYMVAL_DOMAIN: '  ', SYMVAL_ALARM_EMAIL: '' })).toEqual({});
  });

  it('refuses a name that is a URL or not lowercase, saying what would do', () => {
    for (const [variable, value] of [
      ['SYMVAL_DOMAIN', 'https://suns.example'],
      ['SYMVAL_DOMAIN', 'Suns.Example'],
      ['SYMVAL_DOMAIN', 'localhost'],
      ['SYMVAL_ZONE', 'suns..example'],
      ['SYMVAL_DOMAIN_ALIASES', 'suns.example,WWW.suns.example'],
    ] as const) {
      expect(() => readDeployEnvironment({ [variable]: value })).toThrow(
        refusal('env.invalid', variable),
      );
    }
  });

  it('refuses an alarm address that is not an email address', () => {
    expect(() => readDeployEnvironment({ SYMVAL_ALARM_EMAIL: 'ops' })).toThrow(
      refusal('env.invalid', '"ops"'),
    );
  });

  it('refuses claims without an owner, an owner without claims, and a claim not of the form', () => {
    expect(() => readDeployEnvironment({ SYMVAL_CLUB_CLAIMS: 'b:zq.suns.example' })).toThrow(
      refusal('env.invalid', 'SYMVAL_CLUB_OWNER is unset'),
    );
    expect(() => readDeployEnvironment({ SYMVAL_CLUB_OWNER: 'https://suns.example' })).toThrow(
      refusal('env.invalid', 'SYMVAL_CLUB_CLAIMS is unset'),
    );
    for (const item of ['flip180:zq.suns.example', 'zq.suns.example', 'b:', 'b:x:y']) {
      expect(() =>
        readDeployEnvironment({
          SYMVAL_CLUB_OWNER: 'https://suns.example',
          SYMVAL_CLUB_CLAIMS: item,
        }),
      ).toThrow(refusal('env.invalid', `item ${JSON.stringify(item)}`));
    }
  });

  it('refuses names that cannot be a table or a bucket', () => {
    expect(() => readDeployEnvironment({ SYMVAL_ADOPT_TABLE: 'a b' })).toThrow(
      refusal('env.invalid', 'SYMVAL_ADOPT_TABLE "a b"'),
    );
    expect(() => readDeployEnvironment({ SYMVAL_ADOPT_BUCKET: 'Suns_Bucket' })).toThrow(
      refusal('env.invalid', 'SYMVAL_ADOPT_BUCKET "Suns_Bucket"'),
    );
  });
});

describe('readStageDeployEnvironment', () => {
  const club = {
    SYMVAL_DOMAIN: 'zq.suns.example',
    SYMVAL_ZONE: 'suns.example',
    SYMVAL_CLUB_OWNER: 'https://zq.suns.example',
    SYMVAL_CLUB_CLAIMS: 'b:zq.suns.example',
  };

  it('deploys production with its pinned names and claims and the alarm address from the environment', () => {
    expect(readStageDeployEnvironment('production', { SYMVAL_ALARM_EMAIL: 'ops@suns.bz' })).toEqual(
      { ...PRODUCTION_DEPLOY, alarmEmail: 'ops@suns.bz' },
    );
    expect(PRODUCTION_DEPLOY).toMatchObject({
      domain: 'zq.suns.bz',
      aliases: ['suns.bz', 'zb.snus.suns.bz'],
      zone: 'suns.bz',
      club: { owner: 'https://zq.suns.bz' },
    });
  });

  it('refuses production without its alarm address', () => {
    for (const env of [{}, { SYMVAL_ALARM_EMAIL: '  ' }]) {
      expect(() => readStageDeployEnvironment('production', env)).toThrow(
        refusal('env.missing', 'a production deploy needs SYMVAL_ALARM_EMAIL ('),
      );
    }
  });

  it('refuses an environment that contradicts what production pins, naming the variable', () => {
    const email = { SYMVAL_ALARM_EMAIL: 'ops@suns.bz' };
    for (const [variable, value] of [
      ['SYMVAL_DOMAIN', 'suns.example'],
      ['SYMVAL_DOMAIN_ALIASES', 'suns.bz'],
      ['SYMVAL_ZONE', 'zq.suns.bz'],
      ['SYMVAL_ADOPT_TABLE', 'suns-prod-application-table'],
    ] as const) {
      expect(() =>
        readStageDeployEnvironment('production', { ...email, [variable]: value }),
      ).toThrow(refusal('env.conflict', variable));
    }
    // The pinned value itself is no contradiction.
    expect(
      readStageDeployEnvironment('production', { ...email, SYMVAL_DOMAIN: 'zq.suns.bz' }).domain,
    ).toBe('zq.suns.bz');
  });

  it('asks nothing of other stages, and takes everything from the environment', () => {
    expect(readStageDeployEnvironment('dev', {})).toEqual({});
    expect(readStageDeployEnvironment('pr-12', club)).toEqual(readDeployEnvironment(club));
  });

  it('refuses names outside the zone, names given twice, aliases without a main name', () => {
    expect(() =>
      readStageDeployEnvironment('dev', { ...club, SYMVAL_DOMAIN_ALIASES: 'suns.other' }),
    ).toThrow(refusal('env.invalid', '"suns.other" is not in the zone'));
    expect(() =>
      readStageDeployEnvironment('dev', { ...club, SYMVAL_DOMAIN_ALIASES: 'zq.suns.example' }),
    ).toThrow(refusal('env.invalid', 'named twice'));
    expect(() =>
      readStageDeployEnvironment('dev', { SYMVAL_DOMAIN_ALIASES: 'suns.example' }),
    ).toThrow(refusal('env.invalid', 'needs SYMVAL_DOMAIN'));
  });

  it('refuses claims without a zone, on a hostname outside it or not in normal form, by a non-URL owner', () => {
    const { SYMVAL_ZONE: _zone, ...noZone } = club;
    expect(() => readStageDeployEnvironment('dev', noZone)).toThrow(
      refusal('env.invalid', 'SYMVAL_CLUB_CLAIMS needs SYMVAL_ZONE'),
    );
    expect(() =>
      readStageDeployEnvironment('dev', { ...club, SYMVAL_CLUB_CLAIMS: 'a:zb.snus.other.example' }),
    ).toThrow(refusal('env.invalid', '"zb.snus.other.example" is not in the zone'));
    expect(() =>
      readStageDeployEnvironment('dev', { ...club, SYMVAL_CLUB_CLAIMS: 'a:xn--a.suns.example' }),
    ).toThrow(refusal('env.invalid', 'not in normal form'));
    expect(() =>
      readStageDeployEnvironment('dev', { ...club, SYMVAL_CLUB_OWNER: 'zq.suns.example' }),
    ).toThrow(refusal('env.invalid', 'SYMVAL_CLUB_OWNER "zq.suns.example" is not an http(s) URL'));
  });
});

describe('the API’s CORS origins (SYMVAL_CORS_ORIGINS)', () => {
  const domain = { SYMVAL_DOMAIN: 'zq.suns.example', SYMVAL_DOMAIN_ALIASES: 'suns.example' };

  it('are any origin unless a stage narrows them, and production pins any origin', () => {
    expect(corsOrigins(readStageDeployEnvironment('dev', {}))).toBe('*');
    expect(
      corsOrigins(readStageDeployEnvironment('production', { SYMVAL_ALARM_EMAIL: 'ops@suns.bz' })),
    ).toBe('*');
    expect(corsOrigins(readStageDeployEnvironment('dev', { SYMVAL_CORS_ORIGINS: ' * ' }))).toBe(
      '*',
    );
  });

  it('take `site` for each of the stage’s names, beside origins of their own, each once', () => {
    const env = {
      ...domain,
      SYMVAL_CORS_ORIGINS: 'site, http://localhost:5173 https://suns.example',
    };
    expect(readDeployEnvironment(env).cors).toEqual([
      'site',
      'http://localhost:5173',
      'https://suns.example',
    ]);
    expect(corsOrigins(readStageDeployEnvironment('dev', env))).toBe(
      'https://zq.suns.example,https://suns.example,http://localhost:5173',
    );
  });

  it('refuses what a browser never sends as an origin, `*` among others, and `site` without a domain', () => {
    for (const bad of [
      'zq.suns.example',
      'https://zq.suns.example/',
      'https://ZQ.suns.example',
      'ftp://x.example',
    ]) {
      expect(() => readDeployEnvironment({ SYMVAL_CORS_ORIGINS: bad })).toThrow(
        refusal('env.invalid', `SYMVAL_CORS_ORIGINS item ${JSON.stringify(bad)} is not`),
      );
    }
    expect(() =>
      readDeployEnvironment({ SYMVAL_CORS_ORIGINS: '* https://zq.suns.example' }),
    ).toThrow(refusal('env.invalid', 'SYMVAL_CORS_ORIGINS "*" already allows every origin'));
    expect(() => readStageDeployEnvironment('dev', { SYMVAL_CORS_ORIGINS: 'site' })).toThrow(
      refusal('env.invalid', 'SYMVAL_CORS_ORIGINS "site" needs SYMVAL_DOMAIN'),
    );
  });

  it('refuses a production environment that narrows what production pins', () => {
    expect(() =>
      readStageDeployEnvironment('production', {
        SYMVAL_ALARM_EMAIL: 'ops@suns.bz',
        SYMVAL_CORS_ORIGINS: 'site',
      }),
    ).toThrow(refusal('env.conflict', 'SYMVAL_CORS_ORIGINS'));
  });
});
