import { describe, expect, it } from 'vitest';
import { readDeployEnvironment, readStageDeployEnvironment } from './deploy-env.js';

describe('readDeployEnvironment', () => {
  it('reads the domain and the alarm address', () => {
    expect(
      readDeployEnvironment({
        SYMVAL_DOMAIN: 'suns.example',
        SYMVAL_ALARM_EMAIL: 'ops@suns.example',
      }),
    ).toEqual({
      domain: 'suns.example',
      alarmEmail: 'ops@suns.example',
    });
  });

  it('treats unset and blank values as not given', () => {
    expect(readDeployEnvironment({})).toEqual({});
    expect(readDeployEnvironment({ SYMVAL_DOMAIN: '  ', SYMVAL_ALARM_EMAIL: '' })).toEqual({});
  });

  it('refuses a domain that is a URL or not lowercase, saying what would do', () => {
    for (const domain of ['https://suns.example', 'Suns.Example', 'localhost', 'suns..example']) {
      expect(() => readDeployEnvironment({ SYMVAL_DOMAIN: domain })).toThrow(
        expect.objectContaining({
          code: 'env.invalid',
          message: expect.stringContaining(JSON.stringify(domain)),
        }),
      );
    }
  });

  it('refuses an alarm address that is not an email address', () => {
    expect(() => readDeployEnvironment({ SYMVAL_ALARM_EMAIL: 'ops' })).toThrow(
      expect.objectContaining({ code: 'env.invalid', message: expect.stringContaining('"ops"') }),
    );
  });
});

describe('readStageDeployEnvironment', () => {
  const both = { SYMVAL_DOMAIN: 'suns.example', SYMVAL_ALARM_EMAIL: 'ops@suns.example' };

  it('deploys production only with its domain and alarm address', () => {
    expect(readStageDeployEnvironment('production', both)).toEqual({
      domain: 'suns.example',
      alarmEmail: 'ops@suns.example',
    });
  });

  it.each([
    [{}, 'SYMVAL_DOMAIN and SYMVAL_ALARM_EMAIL'],
    [{ SYMVAL_DOMAIN: 'suns.example' }, 'SYMVAL_ALARM_EMAIL'],
    [{ SYMVAL_ALARM_EMAIL: 'ops@suns.example', SYMVAL_DOMAIN: '  ' }, 'SYMVAL_DOMAIN'],
  ])('refuses production with %j, naming %s', (env, names) => {
    expect(() => readStageDeployEnvironment('production', env)).toThrow(
      expect.objectContaining({
        code: 'env.missing',
        message: expect.stringContaining(`a production deploy needs ${names} (`),
      }),
    );
  });

  it('asks nothing of other stages', () => {
    expect(readStageDeployEnvironment('dev', {})).toEqual({});
    expect(readStageDeployEnvironment('pr-12', both)).toEqual(readDeployEnvironment(both));
  });
});
