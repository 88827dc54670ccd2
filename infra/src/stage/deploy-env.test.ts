import { describe, expect, it } from 'vitest';
import { readDeployEnvironment } from './deploy-env.js';

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
