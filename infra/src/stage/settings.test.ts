import { describe, expect, it } from 'vitest';
import { InfraError } from '../errors/infra-error.js';
import { appDefinition, stageSettings } from './settings.js';

describe('stageSettings', () => {
  it('keeps production data: deletion protection, long logs, waiting for the CDN', () => {
    expect(stageSettings('production')).toEqual({
      stage: 'production',
      production: true,
      logRetention: '3 months',
      logLevel: 'INFO',
      deletionProtection: true,
      apiThrottle: { burstLimit: 100, rateLimit: 50 },
      waitForInvalidation: true,
    });
  });

  it('treats every other stage as disposable', () => {
    for (const stage of ['dev', 'alice', 'pr-12', 'prod']) {
      expect(stageSettings(stage)).toMatchObject({
        stage,
        production: false,
        logRetention: '2 weeks',
        logLevel: 'DEBUG',
        deletionProtection: false,
      });
    }
  });

  it('refuses a stage name with capitals, underscores or a leading digit, naming the value', () => {
    for (const stage of ['Production', 'my_stage', '1dev', '']) {
      const error = (() => {
        try {
          stageSettings(stage);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(InfraError);
      expect(error).toMatchObject({ code: 'stage.invalid' });
      expect((error as Error).message).toContain(JSON.stringify(stage));
    }
  });
});

describe('appDefinition', () => {
  it('retains resources and refuses removal in production only', () => {
    expect(appDefinition('production')).toEqual({
      name: 'symval',
      home: 'aws',
      removal: 'retain',
      protect: true,
    });
    expect(appDefinition('dev')).toEqual({
      name: 'symval',
      home: 'aws',
      removal: 'remove',
      protect: false,
    });
    expect(appDefinition(undefined)).toMatchObject({ removal: 'remove', protect: false });
  });
});
