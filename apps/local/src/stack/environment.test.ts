import { describe, expect, it } from 'vitest';
import { handlerEnvironment } from './environment.js';
import { stackPorts } from './ports.js';

describe('handlerEnvironment', () => {
  it('points the handlers at the local stores and drops the shell credentials', () => {
    const env = handlerEnvironment(
      {
        AWS_PROFILE: 'prod',
        AWS_SESSION_TOKEN: 'token',
        AWS_ACCESS_KEY_ID: 'AKIAREAL',
        AWS_ENDPOINT_URL: 'https://elsewhere',
        DNS_SERVERS: '127.0.0.1:5353',
        SNAPSHOT_KEY: 'other.json',
      },
      { dynamodb: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:2' },
    );
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2',
      DOMAIN_TABLE_NAME: 'symval-local-domains',
      RATE_LIMIT_TABLE_NAME: 'symval-local-rate-limits',
      SNAPSHOT_BUCKET: 'symval-local',
      SNAPSHOT_KEY: 'records/domains.json',
      SNAPSHOT_STATE_KEY: 'state/snapshot-state.json',
      DNS_SERVERS: '127.0.0.1:5353',
    });
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_ENDPOINT_URL).toBeUndefined();
  });
});

describe('stackPorts', () => {
  it('puts the API on the base port and the other servers on the next four', () => {
    expect(stackPorts(8787)).toEqual({
      api: 8787,
      site: 8788,
      dynamodb: 8789,
      invoke: 8790,
      s3: 8791,
    });
    expect(stackPorts(0)).toEqual({ api: 0, site: 0, dynamodb: 0, invoke: 0, s3: 0 });
  });
});
